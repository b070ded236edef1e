package startupcoach.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import startupcoach.coach.Command;
import startupcoach.coach.CommandHandler;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;

/**
 * The {@code digest} chat command, the same on every platform ({@code /coach digest …} on Slack,
 * {@code @bot digest …} on DingTalk): subscribe the conversation to a schedule, list, stop,
 * preview, and store the conversation's webhook where its platform posts digests through one
 * ({@link WebhookPlatforms}; the command itself names no platform). A mistake gets a usage reply, never an
 * exception. Thread-safe.
 */
public final class DigestCommand implements CommandHandler {

    /** Names the command answers to. */
    public static final List<String> NAMES = List.of("digest", "摘要", "订阅");
    /** Active subscriptions one conversation may have, so a typo loop cannot flood a channel. */
    public static final int MAX_PER_CONVERSATION = 10;
    /** How far back a preview looks for questions when the conversation never had a digest. */
    static final Duration PREVIEW_QUESTIONS = Duration.ofDays(7);
    static final String USAGE = """
            Usage:
              digest daily 09:00 [tz=Asia/Shanghai] [topics=risk,pricing]
              digest weekly mon 09:00 [tz=…] [topics=…]      (several days: mon,thu)
              digest cron "0 9 * * 1-5" [tz=…] [topics=…]    (UNIX cron: minute hour day month weekday)
              digest list
              digest stop <id>
              digest preview [topics=…]
              digest webhook <url> <secret>                  (where digests post through a signed webhook robot)
            Topics: %s. Without topics=, all of them.""".formatted(DigestTopic.vocabulary());
    private static final Map<String, String> SUBCOMMANDS = Map.ofEntries(
            Map.entry("daily", "daily"), Map.entry("每天", "daily"), Map.entry("每日", "daily"),
            Map.entry("weekly", "weekly"), Map.entry("每周", "weekly"),
            Map.entry("cron", "cron"),
            Map.entry("list", "list"), Map.entry("ls", "list"), Map.entry("列表", "list"),
            Map.entry("stop", "stop"), Map.entry("cancel", "stop"), Map.entry("unsubscribe", "stop"),
            Map.entry("停止", "stop"), Map.entry("取消", "stop"),
            Map.entry("preview", "preview"), Map.entry("预览", "preview"),
            Map.entry("webhook", "webhook"),
            Map.entry("help", "help"), Map.entry("帮助", "help"));
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private final DigestStorage storage;
    private final DigestComposer composer;
    private final ZoneId defaultZone;
    private final Clock clock;
    private final WebhookPlatforms webhooks;
    private final Duration minInterval;

    /** Cron schedules at least {@link Schedule#MIN_INTERVAL} apart. */
    public DigestCommand(DigestStorage storage, DigestComposer composer, ZoneId defaultZone, Clock clock) {
        this(storage, composer, defaultZone, clock, Schedule.MIN_INTERVAL);
    }

    /** @param minInterval the shortest gap a {@code digest cron} schedule may have between posts */
    public DigestCommand(DigestStorage storage, DigestComposer composer, ZoneId defaultZone, Clock clock, Duration minInterval) {
        this(storage, composer, defaultZone, clock, minInterval, new WebhookPlatforms());
    }

    /** @param webhooks the platforms whose conversations register a webhook for their digests */
    public DigestCommand(DigestStorage storage, DigestComposer composer, ZoneId defaultZone, Clock clock, Duration minInterval,
                         WebhookPlatforms webhooks) {
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks == null");
        this.storage = Objects.requireNonNull(storage, "storage == null");
        this.composer = Objects.requireNonNull(composer, "composer == null");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.minInterval = Objects.requireNonNull(minInterval, "minInterval == null");
    }

    /** This handler as a coach {@link Command}, ready to register. */
    public Command asCommand() {
        return new Command(NAMES, "digest daily 09:00 [tz=…] [topics=…] — scheduled digests in this conversation"
                + " (digest help for weekly, cron, list, stop, preview)", this);
    }

    @Override
    public Reply handle(IncomingMessage message, String args) {
        try {
            List<String> tokens = DigestArgs.tokenize(args);
            if (tokens.isEmpty()) {
                return Reply.of(ReplyKind.HELP, USAGE);
            }
            String sub = SUBCOMMANDS.get(tokens.get(0).toLowerCase(Locale.ROOT));
            if (sub == null) {
                throw new DigestArgs.UsageException("Unknown digest command \u201C" + tokens.get(0) + "\u201D.");
            }
            List<String> rest = tokens.subList(1, tokens.size());
            return switch (sub) {
                case "daily" -> subscribe(message, daily(rest), rest.subList(1, rest.size()));
                case "weekly" -> subscribe(message, weekly(rest), rest.subList(Math.min(2, rest.size()), rest.size()));
                case "cron" -> cron(message, rest);
                case "list" -> list(message, rest);
                case "stop" -> stop(message, rest);
                case "preview" -> preview(message, rest);
                case "webhook" -> webhook(message, rest);
                default -> Reply.of(ReplyKind.HELP, USAGE);
            };
        } catch (DigestArgs.UsageException e) {
            return Reply.of(ReplyKind.ERROR, e.getMessage() + "\n\n" + USAGE);
        }
    }

    private static Schedule daily(List<String> rest) {
        if (rest.isEmpty() || DigestArgs.isOption(rest.get(0))) {
            throw new DigestArgs.UsageException("Say when: digest daily 09:00.");
        }
        return Schedule.daily(DigestArgs.time(rest.get(0)));
    }

    private static Schedule weekly(List<String> rest) {
        if (rest.size() < 2 || DigestArgs.isOption(rest.get(0)) || DigestArgs.isOption(rest.get(1))) {
            throw new DigestArgs.UsageException("Say which day and when: digest weekly mon 09:00.");
        }
        return Schedule.weekly(DigestArgs.days(rest.get(0)), DigestArgs.time(rest.get(1)));
    }

    private Reply cron(IncomingMessage message, List<String> rest) {
        // Quoted: one token with spaces. Unquoted: the five fields before the first option.
        int fields = 0;
        while (fields < rest.size() && !DigestArgs.isOption(rest.get(fields))) {
            fields++;
        }
        String expression;
        if (fields == 1 && rest.get(0).contains(" ")) {
            expression = rest.get(0);
        } else if (fields == 5) {
            expression = String.join(" ", rest.subList(0, 5));
        } else {
            throw new DigestArgs.UsageException(fields == 0 ? "Give a cron expression: digest cron \"0 9 * * 1-5\"."
                    : "A cron expression has five fields (minute hour day month weekday), e.g. \"0 9 * * 1-5\".");
        }
        Schedule schedule;
        try {
            schedule = Schedule.cron(expression, minInterval);
        } catch (IllegalArgumentException e) {
            throw new DigestArgs.UsageException(e.getMessage());
        }
        return subscribe(message, schedule, rest.subList(fields, rest.size()));
    }

    private Reply subscribe(IncomingMessage message, Schedule schedule, List<String> optionTokens) {
        DigestArgs.Options options = DigestArgs.options(optionTokens, defaultZone, true);
        SubscriptionStore subscriptions = storage.subscriptions();
        if (subscriptions.active(message.platform(), message.conversationId()).size() >= MAX_PER_CONVERSATION) {
            return Reply.of(ReplyKind.ERROR, "This conversation already has " + MAX_PER_CONVERSATION
                    + " digests. Stop one first (digest list, then digest stop <id>).");
        }
        Instant now = clock.instant();
        Subscription s = subscriptions.add(message.platform(), message.conversationId(), schedule, options.zone(), options.topics(),
                message.userId(), now);
        StringBuilder out = new StringBuilder("Subscribed: digest #").append(s.id()).append(", ").append(describe(s, now))
                .append(".\nStop it with: digest stop ").append(s.id());
        Optional<String> setup = webhooks.setupHint(message.platform());
        if (setup.isPresent() && subscriptions.webhook(message.platform(), message.conversationId()).isEmpty()) {
            out.append("\n\nThis conversation has no webhook yet, so digests cannot be posted here. ").append(setup.get())
                    .append(", then send: digest webhook <url> <secret>");
        }
        return Reply.of(ReplyKind.DIGEST, out.toString());
    }

    private Reply list(IncomingMessage message, List<String> rest) {
        noMoreArgs(rest);
        List<Subscription> mine = storage.subscriptions().active(message.platform(), message.conversationId());
        if (mine.isEmpty()) {
            return Reply.of(ReplyKind.DIGEST, "No digests in this conversation yet. Start one with: digest daily 09:00 topics=risk,pricing");
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder("Digests in this conversation:");
        mine.forEach(s -> out.append("\n  #").append(s.id()).append(" — ").append(describe(s, now)));
        return Reply.of(ReplyKind.DIGEST, out.append("\nStop one with: digest stop <id>").toString());
    }

    private Reply stop(IncomingMessage message, List<String> rest) {
        if (rest.size() != 1) {
            throw new DigestArgs.UsageException("Say which digest: digest stop <id> (digest list shows the ids).");
        }
        long id;
        try {
            id = Long.parseLong(rest.get(0).replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            throw new DigestArgs.UsageException("\u201C" + rest.get(0) + "\u201D is not a digest id: digest list shows them.");
        }
        if (!storage.subscriptions().stop(id, message.platform(), message.conversationId(), clock.instant())) {
            return Reply.of(ReplyKind.ERROR, "There is no active digest #" + id + " in this conversation. digest list shows them.");
        }
        return Reply.of(ReplyKind.DIGEST, "Stopped digest #" + id + ". Nothing more will be posted for it.");
    }

    private Reply preview(IncomingMessage message, List<String> rest) {
        DigestArgs.Options options = DigestArgs.options(rest, defaultZone, false);
        Instant now = clock.instant();
        List<DigestTopic> topics = options.topics();
        if (topics.isEmpty()) {
            topics = storage.subscriptions().active(message.platform(), message.conversationId()).stream()
                    .findFirst().map(Subscription::topics).orElse(List.of());
        }
        Instant since = storage.slots().lastPosted(message.platform(), message.conversationId()).orElse(now.minus(PREVIEW_QUESTIONS));
        Digest digest = composer.compose(topics, DigestHistory.load(storage, message.platform(), message.conversationId(), since), now);
        return Reply.of(ReplyKind.DIGEST, "Preview (nothing was posted or recorded):\n\n" + digest.plainText());
    }

    private Reply webhook(IncomingMessage message, List<String> rest) {
        if (webhooks.setupHint(message.platform()).isEmpty()) {
            return Reply.of(ReplyKind.ERROR, "Conversations on " + message.platform()
                    + " need no webhook: the bot posts digests here itself.");
        }
        if (rest.size() != 2) {
            throw new DigestArgs.UsageException("Give the webhook URL and its signing secret: digest webhook <url> <secret>.");
        }
        String url = rest.get(0);
        if (!url.startsWith("https://") || url.length() <= "https://".length()) {
            throw new DigestArgs.UsageException("The webhook URL must start with https://, as the robot's settings show it.");
        }
        RobotWebhook webhook = new RobotWebhook(url, rest.get(1));
        storage.subscriptions().saveWebhook(message.platform(), message.conversationId(), webhook, message.userId(), clock.instant());
        return Reply.of(ReplyKind.DIGEST, "Saved this conversation's webhook (" + webhook.safeUrl() + "; access token and secret stored,"
                + " not shown). Digests here post through it. You can delete (撤回) your message now: it holds the secret.");
    }

    private String describe(Subscription s, Instant now) {
        String topics = s.topics().isEmpty() ? "all topics" : DigestTopic.keys(s.topics()).replace(",", ", ");
        Optional<Instant> next = s.schedule().nextAfter(now, s.zone());
        return s.schedule().describe() + " (" + s.zone().getId() + "), topics: " + topics
                + next.map(n -> ", next " + WHEN.format(n.atZone(s.zone()))).orElse("");
    }

    private static void noMoreArgs(List<String> rest) {
        if (!rest.isEmpty()) {
            throw new DigestArgs.UsageException("Unexpected \u201C" + String.join(" ", rest) + "\u201D.");
        }
    }
}
