package startupcoach.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.Metrics;
import startupcoach.conversation.ConversationMemory;
import startupcoach.config.SlackSettings;
import startupcoach.digest.DigestSink;
import startupcoach.knowledge.Topic;
import startupcoach.pipeline.Durability;
import startupcoach.pipeline.MemoryInbox;
import startupcoach.pipeline.Pipeline;
import startupcoach.retrieve.Language;
import startupcoach.server.ChatPlatform;
import startupcoach.server.WebServer;

/**
 * The coach in Slack, through Bolt for Java: {@code POST /slack/events} when a signing secret is
 * configured (HTTP mode, behind a load balancer), and a Socket Mode connection when an app-level
 * token is (behind a firewall). The same Bolt {@link App} and handlers serve both.
 *
 * <p>Owns the Slack HTTP client, the reply workers and the Socket Mode connection; {@link #close()}
 * releases them.
 */
public final class SlackPlatform implements ChatPlatform {

    /** The path Slack is configured to call (see {@code slack/manifest.yaml}). */
    public static final String EVENTS_PATH = "/slack/events";
    /** Slack allows about one message per second per channel. */
    static final Duration CHANNEL_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final App app;
    private final ReplyDispatcher dispatcher;
    private final Pipeline pipeline;
    private final SlackDigestSink digestSink;
    private volatile SocketModeApp socketMode;

    private SlackPlatform(SlackSettings settings, Slack slack, App app, ReplyDispatcher dispatcher, Pipeline pipeline,
                          SlackDigestSink digestSink) {
        this.settings = settings;
        this.slack = slack;
        this.app = app;
        this.dispatcher = dispatcher;
        this.pipeline = pipeline;
        this.digestSink = digestSink;
    }

    /**
     * Builds the Bolt app and its handlers; connects nothing until {@link #start(WebServer)}.
     *
     * @param settings    must have no {@link SlackSettings#problem() problem}
     * @param feedbackLog where 👍/👎 go
     * @param dedupe      remembers delivered events, so a Slack retry is answered once
     */
    public static SlackPlatform create(SlackSettings settings, Coach coach, FeedbackLog feedbackLog, Deduplicator dedupe) {
        return create(settings, coach, feedbackLog, dedupe, List.of(), ConversationMemory.NONE);
    }

    /**
     * Like {@link #create(SlackSettings, Coach, FeedbackLog, Deduplicator)}, with the knowledge base's
     * topics for the assistant panel's suggested prompts.
     */
    public static SlackPlatform create(SlackSettings settings, Coach coach, FeedbackLog feedbackLog, Deduplicator dedupe,
                                       List<Topic> topics) {
        return create(settings, coach, feedbackLog, dedupe, topics, ConversationMemory.NONE);
    }

    /**
     * @param topics        the knowledge base's topics, for the assistant panel's suggested prompts
     * @param conversations the coach's memory: threads it knows are answered without an @mention
     */
    public static SlackPlatform create(SlackSettings settings, Coach coach, FeedbackLog feedbackLog, Deduplicator dedupe,
                                       List<Topic> topics, ConversationMemory conversations) {
        List<Topic> fixed = List.copyOf(topics);
        return create(settings, coach, feedbackLog, dedupe, () -> fixed, conversations);
    }

    /**
     * @param topics        the topics of the knowledge base in service when a panel opens ({@code serve}
     *                      re-indexes without a restart)
     * @param conversations the coach's memory: threads it knows are answered without an @mention
     */
    public static SlackPlatform create(SlackSettings settings, Coach coach, FeedbackLog feedbackLog, Deduplicator dedupe,
                                       Supplier<List<Topic>> topics, ConversationMemory conversations) {
        return create(settings, coach, feedbackLog, dedupe, topics, conversations, new Durability(
                new MemoryInbox(dedupe, Clock.systemUTC()), "local", Pipeline.Settings.DEFAULT_RESUME_WITHIN,
                Pipeline.Settings.DEFAULT_APOLOGIZE_WITHIN, Metrics.NONE));
    }

    /**
     * @param durability where events wait between their acknowledgement and their answer ({@code serve}: the
     *                   database, so a crash after the ack loses nothing), this replica's name, the resume windows
     */
    public static SlackPlatform create(SlackSettings settings, Coach coach, FeedbackLog feedbackLog, Deduplicator dedupe,
                                       Supplier<List<Topic>> topics, ConversationMemory conversations, Durability durability) {
        Objects.requireNonNull(settings, "settings == null");
        settings.problem().ifPresent(p -> {
            throw new IllegalArgumentException("Slack is not configured: " + p);
        });
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        // With stats on, the SDK calls auth.test for every token it sees, to key its metrics by team.
        config.setStatsEnabled(false);
        config.setPrettyResponseLoggingEnabled(false);
        Slack slack = Slack.getInstance(config);

        AppConfig appConfig = AppConfig.builder()
                .slack(slack)
                .singleTeamBotToken(settings.botToken())
                .signingSecret(settings.signingSecret())
                // Every value is set here so Bolt never falls back to reading the process environment.
                .verificationToken(null)
                .clientId(null)
                .clientSecret(null)
                // BoltHttpRoute verifies signatures before Bolt sees the request, more strictly than
                // Bolt would (future timestamps, constant-time, raw bytes); Socket Mode needs none.
                .requestVerificationEnabled(false)
                // MessageEvents ignores all bot messages itself; Bolt's version calls bots.info on the ack path.
                .ignoringSelfEventsEnabled(false)
                // Events without a handler are acknowledged instead of answered 404, which Slack would retry.
                .allEventsApiAutoAckEnabled(true)
                // The start-up auth.test result (bot user id, team) is kept: re-checking every ten
                // minutes would put a Web API call on the acknowledgement path.
                .authTestCacheExpirationMillis(-1)
                .threadPoolSize(1)
                .build();
        App app = new App(appConfig);

        BlockRenderer renderer = new BlockRenderer(settings.markdownBlock());
        SlackSender sender = new SlackSender(slack, settings.botToken(), new ChannelPacer(CHANNEL_INTERVAL));
        int cores = Runtime.getRuntime().availableProcessors();
        ReplyDispatcher dispatcher = new ReplyDispatcher(coach, renderer, sender, settings.placeholderAfter(),
                8, Math.max(2, cores), 512);
        Pipeline pipeline = new Pipeline(MessageEvents.PLATFORM, durability.inbox(), coach, new SlackOutlet(dispatcher, sender),
                Pipeline.Settings.of(8, Math.max(2, cores), 512).withAges(durability.resumeWithin(), durability.apologizeWithin()),
                durability.replica(), Clock.systemUTC(), durability.metrics());
        new MessageEvents(pipeline, Clock.systemUTC(), settings.assistant(), conversations).register(app);
        if (settings.assistant()) {
            AssistantPanel panel = new AssistantPanel(dispatcher, sender, dedupe, topics, settings.english() ? Language.EN : Language.ZH);
            panel.register(app);
            dispatcher.onAssistantQuestion(panel::beforeAnswer);
        }
        new CoachCommand(coach, renderer, dispatcher).register(app);
        new ButtonActions(coach, renderer, dispatcher, sender, feedbackLog, dedupe, Clock.systemUTC()).register(app);
        return new SlackPlatform(settings, slack, app, dispatcher, pipeline, new SlackDigestSink(sender, new DigestBlocks()));
    }

    /**
     * Streams the answers a language model writes into their threads while it writes them
     * ({@code chat.startStream} …); without it every answer is posted when complete. Call at wiring,
     * before {@link #start(WebServer)}.
     */
    public SlackPlatform streamAnswers() {
        dispatcher.streamAnswers(Clock.systemUTC());
        return this;
    }

    /**
     * Posts scheduled digests into channels with the bot token ({@code chat.postMessage}), paced
     * together with answers. Usable until {@link #close()}.
     */
    public DigestSink digestSink() {
        return digestSink;
    }

    @Override
    public String name() {
        return "slack";
    }

    /**
     * Checks the bot token ({@code auth.test}), registers {@value #EVENTS_PATH} when a signing
     * secret is set, and opens the Socket Mode connection when an app token is.
     *
     * @throws SlackException when Slack rejects the token or the connection cannot be opened
     */
    @Override
    public void start(WebServer server) {
        try {
            app.start();
        } catch (IllegalArgumentException e) {
            // Bolt's message names the auth.test error ("invalid_auth") or the network failure, never the token.
            throw new SlackException("could not verify SLACK_BOT_TOKEN with auth.test at " + settings.apiUrl() + ": "
                    + e.getMessage(), e);
        }
        pipeline.start();
        if (settings.signingSecret() != null) {
            server.route(EVENTS_PATH, new BoltHttpRoute(app, new SignatureVerifier(settings.signingSecret(), Clock.systemUTC())));
            log.info("slack.http.ready path={}", EVENTS_PATH);
        }
        if (settings.mode() == SlackSettings.Mode.SOCKET) {
            try {
                SocketModeApp socket = new SocketModeApp(settings.appToken(), app, SocketModeClient.Backend.JavaWebSocket,
                        error -> {
                            log.error("slack.socket.handler_failed error={}", error.getException().getClass().getSimpleName(),
                                    error.getException());
                            return null;
                        });
                socket.startAsync();
                socketMode = socket;
                log.info("slack.socket.connected");
            } catch (Exception e) {
                throw new SlackException("Slack Socket Mode could not connect (check SLACK_APP_TOKEN and its"
                        + " connections:write scope): " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean ready() {
        SocketModeApp socket = socketMode;
        return settings.mode() != SlackSettings.Mode.SOCKET || socket != null && !socket.isClientStopped();
    }

    @Override
    public void close() {
        close(ReplyDispatcher.DEFAULT_GRACE);
    }

    /** Closes Socket Mode first (no new events), lets admitted answers be delivered within {@code grace}, then the client. */
    @Override
    public void close(Duration grace) {
        SocketModeApp socket = socketMode;
        if (socket != null) {
            try {
                socket.close();
            } catch (Exception e) {
                log.warn("slack.socket.close_failed error={}", e.getClass().getSimpleName());
            }
        }
        app.stop();
        long deadline = System.nanoTime() + grace.toNanos();
        pipeline.close(grace);
        dispatcher.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        try {
            slack.close();
        } catch (Exception e) {
            log.warn("slack.client.close_failed error={}", e.getClass().getSimpleName());
        }
    }
}
