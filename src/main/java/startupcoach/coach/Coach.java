package startupcoach.coach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.compose.DraftListener;
import startupcoach.conversation.ConversationMemory;

/**
 * The platform-neutral core: one {@link IncomingMessage} in, one {@link Reply} out. Routes the
 * first word to a registered {@link Command}; anything else is a question. Never throws: a
 * failure becomes an {@link ReplyKind#ERROR} reply that says what to do, and the log keeps the
 * stack trace under a reference the user can quote.
 *
 * <p>Before routing, a {@link RateLimiter} may refuse a message from a user or conversation that
 * sends too quickly, with a friendly bilingual {@link #SLOW_DOWN} reply (an {@link ReplyKind#ERROR}).
 * Every message is counted through {@link Metrics} by platform and outcome (the reply kind in lower
 * case, or {@value #RATE_LIMITED}), with its latency.
 *
 * <p>Thread-safe once built: commands are registered at wiring time only.
 */
public final class Coach {

    /** The reply to a message over the rate limit, in both languages the bot speaks. */
    public static final String SLOW_DOWN = "You're asking quickly — give me a few seconds, then ask again.\n"
            + "你问得有点快——请稍等几秒再问。";
    /** The metrics outcome of a message refused by the rate limit. */
    public static final String RATE_LIMITED = "rate_limited";
    /** Words that start a conversation over. */
    public static final List<String> RESET_WORDS = List.of("new", "reset", "重新开始", "新话题", "重来");
    private static final Logger log = LoggerFactory.getLogger(Coach.class);

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final CommandHandler questions;
    private final RateLimiter limits;
    private final Metrics metrics;

    /**
     * Without rate limits or metrics.
     *
     * @param questions handles a bare question (and the {@code ask} command)
     */
    public Coach(CommandHandler questions) {
        this(questions, RateLimiter.UNLIMITED, Metrics.NONE);
    }

    /**
     * @param questions handles a bare question (and the {@code ask} command)
     * @param limits    per-user and per-conversation limits ({@link RateLimiter#UNLIMITED} for none)
     * @param metrics   told about every message
     */
    public Coach(CommandHandler questions, RateLimiter limits, Metrics metrics) {
        this.questions = Objects.requireNonNull(questions, "questions == null");
        this.limits = Objects.requireNonNull(limits, "limits == null");
        this.metrics = Objects.requireNonNull(metrics, "metrics == null");
        register(new Command(List.of("help", "帮助", "?", "？"), "help — this message", (m, a) -> help()));
        register(new Command(List.of("ask", "问"), "ask <question> — the same as just asking", (CommandHandler.Drafting) this::ask));
    }

    /**
     * With a conversation memory: the reset words ({@code new}, {@code reset}, {@code 重新开始} …)
     * forget the conversation's earlier turns, so the next question starts fresh.
     */
    public Coach(CommandHandler questions, RateLimiter limits, Metrics metrics, ConversationMemory memory) {
        this(questions, limits, metrics);
        Objects.requireNonNull(memory, "memory == null");
        register(new Command(RESET_WORDS, "new — start a fresh conversation (forget the earlier questions)", (m, a) -> {
            if (!a.isEmpty()) {
                // "new customers keep leaving…" is a question that happens to start with a reset word.
                return questions.handle(m, m.text().strip());
            }
            memory.reset(m.conversationKey());
            return Reply.of(ReplyKind.HELP, "Starting fresh: ask your next question on its own.\n好的，我们重新开始：请直接提出新问题。");
        }));
    }

    /** Adds a command; names must not clash with one already registered. Call during wiring only. */
    public Coach register(Command command) {
        for (String name : command.names()) {
            if (byName.putIfAbsent(name, command) != null) {
                throw new IllegalArgumentException("command name registered twice: " + name);
            }
        }
        commands.add(command);
        return this;
    }

    public Reply handle(IncomingMessage message) {
        return handle(message, DraftListener.NONE);
    }

    /**
     * Like {@link #handle(IncomingMessage)}; a question (bare or after {@code ask}) answered by a
     * language model streams the answer to {@code drafts} while it is written.
     */
    public Reply handle(IncomingMessage message, DraftListener drafts) {
        Objects.requireNonNull(drafts, "drafts == null");
        long start = System.nanoTime();
        String refused = limits.refuse(message);
        if (refused != null) {
            log.info("coach.rate_limited platform={} conversation={} limit={}", message.platform(), message.conversationId(), refused);
            metrics.request(message.platform(), RATE_LIMITED, Duration.ofNanos(System.nanoTime() - start));
            return Reply.of(ReplyKind.ERROR, SLOW_DOWN);
        }
        Reply reply = route(message, drafts);
        metrics.request(message.platform(), reply.kind().name().toLowerCase(Locale.ROOT), Duration.ofNanos(System.nanoTime() - start));
        return reply;
    }

    private Reply route(IncomingMessage message, DraftListener drafts) {
        String text = message.text().strip();
        try {
            if (text.isEmpty()) {
                return help();
            }
            String[] parts = text.split("\\s+", 2);
            String first = parts[0].toLowerCase(Locale.ROOT);
            String args = parts.length > 1 ? parts[1].strip() : "";
            Command command = byName.get(first);
            if (command != null) {
                return command.handler().handle(message, args, drafts);
            }
            if (looksLikeCommand(first)) {
                return Reply.of(ReplyKind.ERROR, "Unknown command \u201C" + parts[0] + "\u201D.\n\n" + help().text());
            }
            return questions.handle(message, text, drafts);
        } catch (StorageUnavailableException e) {
            log.error("coach.storage_unavailable platform={} conversation={} reason={}", message.platform(), message.conversationId(),
                    e.getMessage());
            return Reply.of(ReplyKind.ERROR, StorageUnavailableException.USER_MESSAGE);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("coach.failed ref={} platform={} conversation={}", ref, message.platform(), message.conversationId(), e);
            return Reply.of(ReplyKind.ERROR, "Sorry, something went wrong while answering. Please try again in a moment;"
                    + " if it keeps failing, give your admin this reference: " + ref);
        }
    }

    private Reply ask(IncomingMessage message, String args, DraftListener drafts) {
        return args.isEmpty() ? help() : questions.handle(message, args, drafts);
    }

    /** "/foo" or "--foo" is a mistyped command, not a question about "foo". */
    private static boolean looksLikeCommand(String first) {
        return first.length() > 1 && (first.startsWith("/") || first.startsWith("--") || first.startsWith("!"));
    }

    public Reply help() {
        StringBuilder out = new StringBuilder()
                .append("Ask me anything about building an AI start-up, in Chinese or English, e.g.\n")
                .append("  价格战怎么打？\n")
                .append("  How do we control market risk?\n")
                .append("I answer with quotes from the knowledge base and cite each section.\n\nCommands:\n");
        for (Command c : commands) {
            out.append("  ").append(c.usage()).append('\n');
        }
        return Reply.of(ReplyKind.HELP, out.toString().stripTrailing());
    }
}
