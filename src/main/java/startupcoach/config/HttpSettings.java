package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Limits of {@code serve}'s HTTP server, read once from the environment.
 *
 * @param threads        {@code COACH_HTTP_THREADS}: requests handled at once (default 8); acknowledgements
 *                       take milliseconds, the answers run on the platforms' own workers
 * @param queue          {@code COACH_HTTP_QUEUE}: complete requests that may wait for one of them before
 *                       new ones get 503 (default 256)
 * @param maxBodyBytes   {@code COACH_HTTP_MAX_BODY_BYTES}: larger bodies get 413 (default 1 MiB; Slack
 *                       and DingTalk send a few KB)
 * @param maxHeaderBytes {@code COACH_HTTP_MAX_HEADER_BYTES}: larger request headers get 431 (default 8 KiB)
 * @param maxConnections {@code COACH_HTTP_MAX_CONNECTIONS}: open connections at most (default 1000)
 * @param readTimeout    {@code COACH_HTTP_READ_TIMEOUT_SECONDS}: a request body must have arrived this
 *                       long after its headers, else 408 and the connection is closed (default 10)
 * @param idleTimeout    {@code COACH_HTTP_IDLE_TIMEOUT_SECONDS}: a kept-alive connection without a request
 *                       is closed after this long (default 30)
 */
public record HttpSettings(int threads, int queue, int maxBodyBytes, int maxHeaderBytes, int maxConnections,
                           Duration readTimeout, Duration idleTimeout) {

    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_QUEUE = 256;
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_THREADS, DEFAULT_QUEUE, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    /** @throws IllegalArgumentException naming the variable when a value is not a positive whole number */
    public static HttpSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(env, HttpSettings::from);
    }

    public static HttpSettings from(Environment env) {
        ChronoUnit seconds = ChronoUnit.SECONDS;
        return new HttpSettings(
                env.number("COACH_HTTP_THREADS", DEFAULT_THREADS, 1),
                env.number("COACH_HTTP_QUEUE", DEFAULT_QUEUE, 1),
                env.number("COACH_HTTP_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1),
                env.number("COACH_HTTP_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES, 1024),
                env.number("COACH_HTTP_MAX_CONNECTIONS", DEFAULT_MAX_CONNECTIONS, 1),
                env.duration("COACH_HTTP_READ_TIMEOUT_SECONDS", DEFAULT_READ_TIMEOUT, seconds, 1),
                env.duration("COACH_HTTP_IDLE_TIMEOUT_SECONDS", DEFAULT_IDLE_TIMEOUT, seconds, 1));
    }
}
