package startupcoach.server;

import java.time.Duration;

/**
 * A chat platform adapter (Slack, DingTalk) as {@code serve} runs it: it registers its HTTP
 * routes and starts any outbound connection (Socket Mode, Stream mode), and stops them on close.
 */
public interface ChatPlatform extends AutoCloseable {

    /** Short name for logs, e.g. {@code slack}. */
    String name();

    /** Registers routes and starts connections. Called once, before the server starts accepting. */
    void start(WebServer server) throws Exception;

    /** Whether it is connected and ready, for readiness checks. */
    default boolean ready() {
        return true;
    }

    @Override
    default void close() throws Exception {
    }

    /**
     * Graceful shutdown: stops taking new messages, gives the ones already accepted up to
     * {@code grace} to be answered and delivered, then releases everything as {@link #close()}
     * does. The default is {@link #close()}.
     */
    default void close(Duration grace) throws Exception {
        close();
    }
}
