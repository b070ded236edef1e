package startupcoach.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.retrieve.RetrievalMode;
import startupcoach.server.ChatPlatform;
import startupcoach.server.HttpResponse;
import startupcoach.server.HttpRoute;

/**
 * {@code GET /readyz}: 200 when this replica should get traffic, else 503; both with a JSON body
 * naming each check and, for a failing one, why, e.g.
 * {@code {"ready":false,"checks":{"knowledge":"ok","model":"ok","database":"down: timeout after 2000 ms","slack":"ok"}}}.
 *
 * <p>The database check is a {@code SELECT 1} on its own thread with a short timeout, so a hung
 * database never hangs the probe. While the server shuts down it reports {@code shutdown}.
 */
final class Readiness implements AutoCloseable {

    static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(Readiness.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoachApp app;
    private final DataSource database;
    private final List<ChatPlatform> platforms;
    private final BooleanSupplier shuttingDown;
    /** One probe at a time and one waiting: while a hung database holds the thread, further probes time out. */
    private final ThreadPoolExecutor probe = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), r -> {
        Thread t = new Thread(r, "readiness-probe");
        t.setDaemon(true);
        return t;
    }, new ThreadPoolExecutor.DiscardPolicy());

    /** @param database null when the app runs without one */
    Readiness(CoachApp app, DataSource database, List<ChatPlatform> platforms, BooleanSupplier shuttingDown) {
        this.app = app;
        this.database = database;
        this.platforms = List.copyOf(platforms);
        this.shuttingDown = shuttingDown;
    }

    HttpRoute route() {
        return request -> {
            Map<String, String> checks = checks();
            boolean ready = checks.values().stream().allMatch("ok"::equals);
            ObjectNode body = JSON.createObjectNode().put("ready", ready);
            ObjectNode c = body.putObject("checks");
            checks.forEach(c::put);
            return HttpResponse.json(ready ? 200 : 503, JSON.writeValueAsString(body));
        };
    }

    /** Check name → {@code ok} or what is wrong, in a stable order. */
    Map<String, String> checks() {
        Map<String, String> checks = new LinkedHashMap<>();
        if (shuttingDown.getAsBoolean()) {
            checks.put("server", "shutting down");
        }
        checks.put("knowledge", app.index().passages().isEmpty() ? "no passages indexed" : "ok");
        checks.put("model", app.mode() == RetrievalMode.BM25 || app.retriever(RetrievalMode.DENSE).isPresent() ? "ok" : "not loaded");
        checks.put("database", database == null ? "ok" : database());
        for (ChatPlatform p : platforms) {
            boolean ready;
            try {
                ready = p.ready();
            } catch (RuntimeException e) {
                ready = false;
            }
            checks.put(p.name(), ready ? "ok" : "not ready");
        }
        return checks;
    }

    private String database() {
        Future<?> ping = probe.submit(() -> {
            try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
                s.setQueryTimeout((int) Math.max(1, DATABASE_TIMEOUT.toSeconds()));
                try (ResultSet r = s.executeQuery("SELECT 1")) {
                    r.next();
                }
            }
            return null;
        });
        try {
            ping.get(DATABASE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "ok";
        } catch (TimeoutException e) {
            ping.cancel(true);
            log.warn("readiness.database_down reason=timeout timeoutMs={}", DATABASE_TIMEOUT.toMillis());
            return "down: timeout after " + DATABASE_TIMEOUT.toMillis() + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down: interrupted";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.warn("readiness.database_down reason={}", cause.getClass().getSimpleName());
            // The exception class only: driver messages can carry the URL, and the URL a password.
            return "down: " + cause.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }
}
