package startupcoach.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.Metrics;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.config.DingTalkSettings;
import startupcoach.digest.QuestionHistory;
import startupcoach.pipeline.Inbox;
import startupcoach.pipeline.MemoryInbox;
import startupcoach.pipeline.Pipeline;
import startupcoach.server.ChatPlatform;
import startupcoach.server.WebServer;

/**
 * DingTalk as {@code serve} runs it: the signed HTTP callback on {@value #CALLBACK_PATH} whenever
 * the app secret is set, plus the Stream mode connection unless {@code DINGTALK_MODE=http}. Both
 * feed one intake, which writes each message into the {@link Pipeline}'s inbox before the transport
 * acknowledges it; the pipeline (dedupe, age limits, bounded workers, resume after a crash) answers
 * through the {@link DingTalkBot}.
 *
 * <pre>{@code
 * ChatPlatform dingtalk = DingTalkPlatform.builder(settings, coach).build();
 * dingtalk.start(webServer);
 * }</pre>
 */
public final class DingTalkPlatform implements ChatPlatform {

    public static final String CALLBACK_PATH = "/dingtalk/callback";
    /** Accepted answers not yet delivered, at most. */
    static final int MAX_PENDING = 256;
    private static final Logger log = LoggerFactory.getLogger(DingTalkPlatform.class);

    private final DingTalkSettings settings;
    private final StreamClientFactory streams;
    private final DingTalkHttp http;
    private final MessageIntake intake;
    private final Pipeline pipeline;
    private final MessageParser parser;
    private final CallbackSignature signature;
    /** Button clicks on answer cards; null when answers are markdown. */
    private final CardClicks clicks;
    private volatile OpenDingTalkClient streamClient;
    private volatile boolean ready;

    private DingTalkPlatform(Builder b) {
        this.settings = b.settings;
        this.streams = b.streams;
        ObjectMapper json = new ObjectMapper();
        this.http = new DingTalkHttp(json);
        this.parser = new MessageParser(json);
        this.signature = new CallbackSignature(settings.appSecret(), b.clock);
        OpenApi openApi = settings.appKeyIfAny()
                .map(key -> new OpenApi(http, new AccessTokens(http, settings.apiUrl(), key, settings.appSecret(), b.clock),
                        settings.apiUrl()))
                .orElse(null);
        RobotApi robotApi = openApi == null ? null : new RobotApi(openApi, settings.appKey());
        Replier replier = new Replier(new SessionWebhook(http), robotApi, settings.robotCode(), b.clock);
        MarkdownRenderer markdown = new MarkdownRenderer(b.maxTextChars);
        CardReplier cards = null;
        if (settings.replies() == DingTalkSettings.Replies.CARD && openApi != null) {
            // Clicks come back over the Stream connection; over HTTP only, the cards have no buttons.
            cards = new CardReplier(new CardApi(openApi, settings.cardTemplate(),
                    settings.robotCodeIfAny().orElse(settings.appKey()), settings.mode() == DingTalkSettings.Mode.STREAM),
                    new AnswerCard(markdown));
        }
        DingTalkBot bot = new DingTalkBot(b.coach, new FeedbackCommands(b.feedbackLog, lastAnswers(b), b.clock), markdown,
                replier, cards, parser);
        Inbox inbox = b.inbox != null ? b.inbox : new MemoryInbox(b.dedupe, b.clock);
        this.pipeline = new Pipeline(DingTalkBot.PLATFORM, inbox, b.coach, bot, Pipeline.Settings.of(b.workers, b.workers, MAX_PENDING)
                .withAges(b.resumeWithin, b.apologizeWithin).withAdmitWithin(settings.maxMessageAge()), b.replica, b.clock, b.metrics);
        this.intake = new MessageIntake(pipeline, parser, b.clock, m -> bot.notice(m, StorageUnavailableException.USER_MESSAGE));
        this.clicks = cards == null ? null : new CardClicks(json, b.feedbackLog, intake, b.clock);
    }

    /**
     * @param settings must have an app secret (it signs the HTTP callbacks)
     * @param coach    the shared core
     */
    public static Builder builder(DingTalkSettings settings, Coach coach) {
        return new Builder(settings, coach);
    }

    @Override
    public String name() {
        return "dingtalk";
    }

    @Override
    public void start(WebServer server) {
        pipeline.start();
        server.route(CALLBACK_PATH, new CallbackRoute(signature, parser, intake));
        log.info("dingtalk.callback_ready path={} {}", CALLBACK_PATH, settings);
        if (settings.mode() == DingTalkSettings.Mode.STREAM) {
            try {
                Map<String, OpenDingTalkCallbackListener<String, ?>> listeners = new LinkedHashMap<>();
                listeners.put(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, new StreamListener(parser, intake));
                if (clicks != null) {
                    listeners.put(DingTalkStreamTopics.CARD_CALLBACK_TOPIC, new CardCallbackListener(clicks));
                }
                OpenDingTalkClient client = streams.create(settings.appKey(), settings.appSecret(), listeners);
                streamClient = client;
                client.start();
                log.info("dingtalk.stream_started appKey={} topics={}", settings.appKey(), listeners.keySet());
            } catch (Exception e) {
                // The HTTP callback still works; readiness reports the broken stream.
                log.error("dingtalk.stream_failed appKey={} reason={}", settings.appKey(), e.toString());
                ready = false;
                return;
            }
        }
        ready = true;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Stops the stream (no new messages), lets accepted answers be sent within {@code grace}, then the HTTP client. */
    @Override
    public void close(Duration grace) {
        ready = false;
        OpenDingTalkClient client = streamClient;
        if (client != null) {
            try {
                client.stop();
            } catch (Exception e) {
                log.warn("dingtalk.stream_stop_failed reason={}", e.toString());
            }
        }
        pipeline.close(grace);
        http.close();
    }

    private static LastAnswers lastAnswers(Builder b) {
        return b.history == null ? LastAnswers.inMemory() : LastAnswers.fromQuestionLog(b.history, b.citationOf, b.clock);
    }

    /** Optional settings start with {@code opt}; each default is named in its Javadoc. */
    public static final class Builder {

        private final DingTalkSettings settings;
        private final Coach coach;
        private FeedbackLog feedbackLog = FeedbackLog.toLog();
        private Deduplicator dedupe;
        private StreamClientFactory streams = StreamClientFactory.official();
        private Clock clock = Clock.systemUTC();
        private int maxTextChars = MarkdownRenderer.MAX_TEXT_CHARS;
        private int workers = 2;
        private Inbox inbox;
        private String replica = "local";
        private Duration resumeWithin = Pipeline.Settings.DEFAULT_RESUME_WITHIN;
        private Duration apologizeWithin = Pipeline.Settings.DEFAULT_APOLOGIZE_WITHIN;
        private Metrics metrics = Metrics.NONE;
        private QuestionHistory history;
        private Function<String, Optional<String>> citationOf;

        private Builder(DingTalkSettings settings, Coach coach) {
            this.settings = Objects.requireNonNull(settings, "settings == null");
            this.coach = Objects.requireNonNull(coach, "coach == null");
            if (settings.appSecret() == null) {
                throw new IllegalArgumentException("DingTalk needs DINGTALK_APP_SECRET");
            }
        }

        /** Where 有用/没用 go; default {@link FeedbackLog#toLog()}. */
        public Builder optFeedbackLog(FeedbackLog feedbackLog) {
            this.feedbackLog = Objects.requireNonNull(feedbackLog, "feedbackLog == null");
            return this;
        }

        /**
         * Where 有用/没用 find the answer they rate: the shared question log, so that replicas agree;
         * default this process's memory (one replica).
         *
         * @param citationOf a section id's citation, e.g. {@code section -> kb.section(section).map(Section::citation)}
         */
        public Builder optQuestionHistory(QuestionHistory history, Function<String, Optional<String>> citationOf) {
            this.history = Objects.requireNonNull(history, "history == null");
            this.citationOf = Objects.requireNonNull(citationOf, "citationOf == null");
            return this;
        }

        /** msgId dedupe of the default in-memory inbox; default an {@link InMemoryDeduplicator} (one replica). */
        public Builder optDeduplicator(Deduplicator dedupe) {
            this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
            return this;
        }

        /**
         * Where accepted messages wait to be answered, with their dedupe keys; default a
         * {@link MemoryInbox} over the deduplicator (nothing survives a restart).
         *
         * @param replica names this process among replicas on the inbox's database, stable across its restarts
         */
        public Builder optInbox(Inbox inbox, String replica) {
            this.inbox = Objects.requireNonNull(inbox, "inbox == null");
            this.replica = Objects.requireNonNull(replica, "replica == null");
            return this;
        }

        /**
         * How old an unanswered message may be to be answered after a restart, and to get an apology
         * instead; defaults {@link Pipeline.Settings#DEFAULT_RESUME_WITHIN} and {@link Pipeline.Settings#DEFAULT_APOLOGIZE_WITHIN}.
         */
        public Builder optResume(Duration resumeWithin, Duration apologizeWithin) {
            this.resumeWithin = Objects.requireNonNull(resumeWithin, "resumeWithin == null");
            this.apologizeWithin = Objects.requireNonNull(apologizeWithin, "apologizeWithin == null");
            return this;
        }

        /** Counts repeated deliveries; default {@link Metrics#NONE}. */
        public Builder optMetrics(Metrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics == null");
            return this;
        }

        /** Stream mode client; default {@link StreamClientFactory#official()}. */
        public Builder optStreamClientFactory(StreamClientFactory streams) {
            this.streams = Objects.requireNonNull(streams, "streams == null");
            return this;
        }

        /** Time for message age, webhook expiry, signatures and tokens; default the system clock. */
        public Builder optClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Characters per markdown message; default {@link MarkdownRenderer#MAX_TEXT_CHARS}. */
        public Builder optMaxTextChars(int maxTextChars) {
            this.maxTextChars = maxTextChars;
            return this;
        }

        /** Threads answering messages; default 2 (retrieval is CPU-bound, the machine small). */
        public Builder optWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, was " + workers);
            }
            this.workers = workers;
            return this;
        }

        public DingTalkPlatform build() {
            if (dedupe == null) {
                dedupe = new InMemoryDeduplicator();
            }
            return new DingTalkPlatform(this);
        }
    }
}
