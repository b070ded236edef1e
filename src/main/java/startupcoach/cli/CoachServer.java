package startupcoach.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.RetrievalMode;
import startupcoach.server.ChatPlatform;
import startupcoach.server.HttpResponse;
import startupcoach.server.WebServer;

/**
 * What {@code serve} runs: the coach, the HTTP server and every chat platform whose credentials
 * are configured. A platform without credentials is skipped with a log line saying which
 * variable is missing, so a first start always works.
 */
public final class CoachServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoachServer.class);

    private final CoachApp app;
    private final WebServer web;
    private final List<ChatPlatform> platforms;
    private final List<String> disabled;

    private CoachServer(CoachApp app, WebServer web, List<ChatPlatform> platforms, List<String> disabled) {
        this.app = app;
        this.web = web;
        this.platforms = platforms;
        this.disabled = disabled;
    }

    /**
     * Opens the coach and starts serving.
     *
     * @param env  the process environment (platform credentials, PORT)
     * @param port 0 for a random free port
     */
    public static CoachServer start(CoachConfig config, Map<String, String> env, String host, int port, IndexProgress progress)
            throws Exception {
        return start(config, ComposerSettings.load(env, null, null), env, host, port, progress);
    }

    /**
     * Opens the coach with the given composer ({@code COACH_COMPOSER} and the {@code LLM_*}
     * variables, or the command-line options) and starts serving.
     */
    public static CoachServer start(CoachConfig config, ComposerSettings composer, Map<String, String> env, String host,
                                    int port, IndexProgress progress) throws Exception {
        RetrievalMode mode = RetrievalMode.parse(env.getOrDefault("COACH_RETRIEVAL_MODE", "hybrid"));
        CoachApp app = CoachApp.open(config, mode, composer, progress);
        WebServer web = new WebServer(host, port, 8, 256, WebServer.DEFAULT_MAX_BODY_BYTES);
        web.route("/healthz", request -> HttpResponse.text(200, "ok"));
        List<ChatPlatform> platforms = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        PlatformWiring.configure(env, app, platforms, disabled);
        for (ChatPlatform p : platforms) {
            p.start(web);
            log.info("platform.enabled name={}", p.name());
        }
        disabled.forEach(reason -> log.warn("platform.disabled {}", reason));
        web.start();
        return new CoachServer(app, web, platforms, disabled);
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

    @Override
    public void close() {
        for (ChatPlatform p : platforms) {
            try {
                p.close();
            } catch (Exception e) {
                log.warn("platform.close_failed name={}", p.name(), e);
            }
        }
        web.close();
        app.close();
    }

    /** Kept apart so each platform adds one line here and nothing else in this class. */
    static final class PlatformWiring {

        private PlatformWiring() {
        }

        static void configure(Map<String, String> env, CoachApp app, List<ChatPlatform> enabled, List<String> disabled)
                throws IOException {
            SlackWiring.configure(env, app, enabled, disabled);
            DingTalkWiring.configure(env, app, enabled, disabled);
        }
    }
}
