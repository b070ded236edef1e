package startupcoach.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server of {@code serve}: Jetty 12's core API (no servlet container) with the
 * limits a public endpoint needs (read and idle timeouts, header and body caps, a connection cap,
 * keep-alive) and exact raw bodies for signature checks. Platform adapters register one
 * {@link HttpRoute} per path.
 *
 * <p>Two kinds of threads: Jetty's I/O threads read requests without blocking, so a client that
 * sends half a request and stalls costs a socket and a buffer, never a thread; only a request whose
 * body has fully arrived reaches one of the {@link Limits#threads()} route workers. When all workers
 * are busy and {@link Limits#queue()} requests wait, new ones get 503 with {@code Retry-After}
 * (platforms redeliver), so a burst never grows threads or memory.
 */
public final class WebServer implements AutoCloseable {

    /** Default cap on request bodies: Slack and DingTalk payloads are a few KB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** Request id header: taken from the caller when it looks like an id, always sent back. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Jetty's acceptor, selector and scheduler threads; the route work runs on our own workers. */
    private static final int IO_THREADS = 16;

    /**
     * The server's limits.
     *
     * @param threads        route workers (requests being handled at once)
     * @param queue          complete requests that may wait for a worker before new ones get 503
     * @param maxBodyBytes   larger request bodies get 413
     * @param maxHeaderBytes larger request headers get 431
     * @param maxConnections open connections at most; beyond it the server stops accepting (the
     *                       kernel's backlog holds new ones) until one closes
     * @param readTimeout    a request's body must have arrived this long after its headers, and no
     *                       request may be silent for longer; else 408 and the connection is closed
     * @param idleTimeout    a kept-alive connection with no request is closed after this long
     */
    public record Limits(int threads, int queue, int maxBodyBytes, int maxHeaderBytes, int maxConnections,
                         Duration readTimeout, Duration idleTimeout) {

        /** Slack waits 3 s for an acknowledgement, so a body still arriving after 10 s is never worth waiting for. */
        public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
        /** Slack and DingTalk reuse connections for bursts; half a minute keeps them without hoarding sockets. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
        public static final int DEFAULT_THREADS = 8;
        public static final int DEFAULT_QUEUE = 256;
        /** Slack's and DingTalk's headers are well under 2 KB; Jetty's own default. */
        public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
        public static final int DEFAULT_MAX_CONNECTIONS = 1000;

        public Limits {
            Objects.requireNonNull(readTimeout, "readTimeout == null");
            Objects.requireNonNull(idleTimeout, "idleTimeout == null");
            if (threads < 1 || queue < 1 || maxBodyBytes < 1 || maxHeaderBytes < 1024 || maxConnections < 1) {
                throw new IllegalArgumentException("need threads, queue, maxBodyBytes, maxConnections >= 1 and maxHeaderBytes >= 1024");
            }
            if (readTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1) {
                throw new IllegalArgumentException("timeouts must be at least 1 ms");
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_THREADS, DEFAULT_QUEUE, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_HEADER_BYTES,
                    DEFAULT_MAX_CONNECTIONS, DEFAULT_READ_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ThreadPoolExecutor workers;
    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
    private final RouteHandler handler;
    private boolean stopped;
    private volatile int port;

    /**
     * With the default limits apart from these (tests of one platform use small pools).
     *
     * @param port         0 for a random free port
     * @param threads      route workers
     * @param queue        requests that may wait for a worker before new ones get 503
     * @param maxBodyBytes larger request bodies get 413
     */
    public WebServer(String host, int port, int threads, int queue, int maxBodyBytes) {
        this(host, port, new Limits(threads, queue, maxBodyBytes, Limits.DEFAULT_MAX_HEADER_BYTES,
                Limits.DEFAULT_MAX_CONNECTIONS, Limits.DEFAULT_READ_TIMEOUT, Limits.DEFAULT_IDLE_TIMEOUT));
    }

    /** @param port 0 for a random free port */
    public WebServer(String host, int port, Limits limits) {
        Objects.requireNonNull(limits, "limits == null");
        this.workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queue()), r -> {
                    Thread t = new Thread(r, "http-worker");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        QueuedThreadPool io = new QueuedThreadPool(IO_THREADS, 2);
        io.setName("http-io");
        io.setDaemon(true);
        this.server = new Server(io);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        // While a request is being read, silence for readTimeout ends it; between requests the
        // connector's (longer) idle timeout applies.
        http.setIdleTimeout(limits.readTimeout().toMillis());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowCauses(false);
        errors.setShowMessageInTitle(false);
        errors.setDefaultResponseMimeType("text/plain");
        server.setErrorHandler(errors);
        this.handler = new RouteHandler(routes, workers, limits);
        // In-flight requests may finish when stopping; new ones are refused.
        server.setHandler(new GracefulHandler(handler));
        server.setStopTimeout(1_000);
    }

    public WebServer route(String path, HttpRoute route) {
        routes.put(path, route);
        return this;
    }

    /** Tells {@code observer} about every answered request (one observer; call before {@link #start()}). */
    public WebServer observe(RequestObserver observer) {
        handler.observe(Objects.requireNonNull(observer, "observer == null"));
        return this;
    }

    /** Starts accepting; an address already in use is an {@link IOException}. */
    public WebServer start() throws IOException {
        try {
            server.start();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("HTTP server did not start: " + e.getMessage(), e);
        }
        port = connector.getLocalPort();
        log.info("http.started port={} engine=jetty-{}", port, Server.getVersion());
        return this;
    }

    /** The bound port once started (also after stopping), else the configured one. */
    public int port() {
        return port != 0 ? port : connector.getPort();
    }

    /**
     * Stops accepting connections and waits up to a second for requests being handled (acknowledgements
     * are quick); work those requests handed to other threads is their owners' to finish. Idempotent.
     */
    public synchronized void stopAccepting() {
        if (!stopped) {
            stopped = true;
            try {
                server.stop();
            } catch (Exception e) {
                log.warn("http.stop_failed error={}", e.toString());
            }
            log.info("http.stopped_accepting port={}", port());
        }
    }

    /** {@link #stopAccepting()}, then stops the workers. */
    @Override
    public void close() {
        stopAccepting();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
