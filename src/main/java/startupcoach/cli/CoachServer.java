package startupcoach.cli;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Admins;
import startupcoach.coach.RateLimiter;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.config.DigestSettings;
import startupcoach.config.HttpSettings;
import startupcoach.config.ReloadSettings;
import startupcoach.config.ServeSettings;
import startupcoach.config.Settings;
import startupcoach.digest.DigestScheduler;
import startupcoach.digest.DigestSink;
import startupcoach.knowledge.KnowledgeWatcher;
import startupcoach.retrieve.IndexProgress;
import startupcoach.server.ChatPlatform;
import startupcoach.server.HttpResponse;
import startupcoach.server.WebServer;
import startupcoach.store.Storage;

/**
 * What {@code serve} runs: the coach, the HTTP server and every chat platform whose credentials
 * are configured. A platform without credentials is skipped with a log line saying which
 * variable is missing, so a first start always works. Also opens the store (SQLite under the data
 * directory, or {@code DATABASE_URL}) and runs the digest scheduler.
 *
 * <p>Operators' endpoints: {@code /healthz} (the process is up), {@code /readyz} ({@link Readiness}) and
 * {@code /metrics} ({@link ServerMetrics}). Limits come from {@link ServeSettings}; admins and the
 * knowledge watcher (re-index when the files change) from {@link ReloadSettings}.
 */
public final class CoachServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoachServer.class);

    private final CoachApp app;
    private final WebServer web;
    private final List<ChatPlatform> platforms;
    private final List<String> disabled;
    private final Storage storage;
    private final DigestScheduler digests;
    private final ServerMetrics metrics;
    private final Readiness readiness;
    private final Duration shutdownGrace;
    private final AtomicBoolean closing;

    private CoachServer(CoachApp app, WebServer web, List<ChatPlatform> platforms, List<String> disabled, Storage storage,
                        DigestScheduler digests, ServerMetrics metrics, Readiness readiness, Duration shutdownGrace,
                        AtomicBoolean closing) {
        this.app = app;
        this.web = web;
        this.platforms = platforms;
        this.disabled = disabled;
        this.storage = storage;
        this.digests = digests;
        this.metrics = metrics;
        this.readiness = readiness;
        this.shutdownGrace = shutdownGrace;
        this.closing = closing;
    }

    /**
     * Opens the coach and starts serving.
     *
     * @param env  the process environment (platform credentials, PORT)
     * @param port 0 for a random free port
     */
    public static CoachServer start(CoachConfig config, Map<String, String> env, String host, int port, IndexProgress progress)
            throws Exception {
        return start(config, ComposerSettings.load(env, null, null), env, host, port, progress, Map.of());
    }

    /** With the given composer ({@code COACH_COMPOSER} and {@code LLM_*}, or the command-line options). */
    public static CoachServer start(CoachConfig config, ComposerSettings composer, Map<String, String> env, String host,
                                    int port, IndexProgress progress) throws Exception {
        return start(config, composer, env, host, port, progress, Map.of());
    }

    /**
     * Like {@link #start(CoachConfig, ComposerSettings, Map, String, int, IndexProgress)}, with digest sinks beside
     * the ones the configured platforms bring (by platform name; these win).
     */
    public static CoachServer start(CoachConfig config, ComposerSettings composer, Map<String, String> env, String host,
                                    int port, IndexProgress progress, Map<String, DigestSink> extraSinks) throws Exception {
        return start(Settings.load(env).withCore(config).withComposer(composer), host, port, progress, extraSinks);
    }

    /**
     * Opens the coach and starts serving with checked settings ({@link Settings#load}).
     *
     * @param port       0 for a random free port
     * @param extraSinks digest sinks beside the ones the configured platforms bring (by platform name; these win)
     */
    public static CoachServer start(Settings settings, String host, int port, IndexProgress progress,
                                    Map<String, DigestSink> extraSinks) throws Exception {
        CoachConfig config = settings.core();
        Map<String, String> env = settings.environment();
        DigestSettings digestSettings = settings.digests();
        ServeSettings serve = settings.serve();
        HttpSettings http = settings.http();
        ReloadSettings reload = settings.reload();
        Storage storage = Storage.open(settings.database());
        ServerMetrics metrics = new ServerMetrics();
        CoachApp app;
        try {
            app = CoachApp.open(config, CoachApp.Options.defaults().withMode(settings.mode()).withComposer(settings.composer())
                    .withStorage(storage, digestSettings)
                    .withLimits(new RateLimiter(serve.userPerMinute(), serve.channelPerMinute(), Clock.systemUTC()))
                    .withMetrics(metrics).withAdmins(new Admins(reload.admins())), progress);
        } catch (RuntimeException e) {
            storage.close();
            metrics.close();
            throw e;
        }
        WebServer web = new WebServer(host, port, new WebServer.Limits(http.threads(), http.queue(), http.maxBodyBytes(),
                http.maxHeaderBytes(), http.maxConnections(), http.readTimeout(), http.idleTimeout())).observe(metrics);
        web.route("/healthz", request -> HttpResponse.text(200, "ok"));
        List<ChatPlatform> platforms = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        PlatformWiring.configure(settings, app, PipelineWiring.of(serve, app, config.dataDir()), platforms, disabled);
        for (ChatPlatform p : platforms) {
            p.start(web);
            log.info("platform.enabled name={}", p.name());
        }
        disabled.forEach(reason -> log.warn("platform.disabled {}", reason));
        metrics.platforms(platforms.stream().map(ChatPlatform::name).toList());
        AtomicBoolean closing = new AtomicBoolean();
        Readiness readiness = new Readiness(app, storage.database().dataSource(), platforms, closing::get);
        web.route("/readyz", readiness.route());
        web.route("/metrics", metrics.route());
        DigestScheduler digests = DigestWiring.scheduler(env, app, storage, digestSettings, platforms, extraSinks);
        web.start();
        digests.start();
        app.clearReloadLeftovers();
        if (reload.watch()) {
            app.watchKnowledge(KnowledgeWatcher.DEFAULT_DEBOUNCE, reload.pollInterval());
        }
        log.info("serve.started port={} platforms={} userPerMinute={} channelPerMinute={} shutdownSeconds={}", web.port(),
                platforms.stream().map(ChatPlatform::name).toList(), serve.userPerMinute(), serve.channelPerMinute(),
                serve.shutdownGrace().toSeconds());
        return new CoachServer(app, web, platforms, disabled, storage, digests, metrics, readiness, serve.shutdownGrace(), closing);
    }

    /** The application this server runs (tests drive its coach directly). */
    CoachApp app() {
        return app;
    }

    public int port() {
        return web.port();
    }

    public List<String> enabledPlatforms() {
        return platforms.stream().map(ChatPlatform::name).toList();
    }

    /** Why each disabled platform is disabled, e.g. "slack: SLACK_SIGNING_SECRET is not set". */
    public List<String> disabledPlatforms() {
        return List.copyOf(disabled);
    }

    /** The Prometheus text that {@code /metrics} serves (tests). */
    String metricsText() {
        return metrics.scrape();
    }

    /**
     * Graceful shutdown, as SIGTERM runs it: stops accepting HTTP requests (a load balancer or the
     * platform's retry sends new ones elsewhere), lets a digest being posted finish, gives the
     * answers already accepted until the shutdown deadline ({@code COACH_SHUTDOWN_SECONDS}) to be
     * delivered, then closes the platforms, the coach and the store. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + shutdownGrace.toNanos();
        log.info("shutdown.started graceSeconds={}", shutdownGrace.toSeconds());
        web.stopAccepting();
        // A digest being posted finishes while its platform is still up.
        digests.close();
        for (ChatPlatform p : platforms) {
            try {
                p.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (Exception e) {
                log.warn("platform.close_failed name={}", p.name(), e);
            }
        }
        web.close();
        readiness.close();
        app.close();
        storage.close();
        metrics.close();
        log.info("shutdown.finished tookMs={}", (System.nanoTime() - started) / 1_000_000);
    }

    /** Kept apart so each platform adds one line here and nothing else in this class. */
    static final class PlatformWiring {

        private PlatformWiring() {
        }

        static void configure(Settings settings, CoachApp app, PipelineWiring pipelines, List<ChatPlatform> enabled,
                              List<String> disabled) throws IOException {
            SlackWiring.configure(settings.slack(), app, pipelines, enabled, disabled);
            DingTalkWiring.configure(settings.dingtalk(), app, pipelines, enabled, disabled);
        }
    }
}
