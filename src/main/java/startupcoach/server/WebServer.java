package startupcoach.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server of {@code serve}: the JDK's own server (no servlet container to keep
 * up to date) with a bounded worker pool, a request-body cap and exact raw bodies for signature
 * checks. Platform adapters register one {@link HttpRoute} per path.
 */
public final class WebServer implements AutoCloseable {

    /** Default cap on request bodies: Slack and DingTalk payloads are a few KB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    /** How much of a too-large body is read and dropped so the client sees the 413. */
    private static final long MAX_DRAIN_BYTES = 8L << 20;
    /** Request id header: taken from the caller when it looks like an id, always sent back. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final Map<String, HttpRoute> routes = new ConcurrentHashMap<>();
    private final int maxBodyBytes;
    private boolean stopped;
    private int port;
    private volatile RequestObserver observer = RequestObserver.NONE;
    /** Set while an exchange that found the worker queue full runs on the accepting thread. */
    private static final ThreadLocal<Boolean> OVERLOADED = ThreadLocal.withInitial(() -> false);

    /**
     * @param port         0 for a random free port
     * @param threads      worker threads
     * @param queue        requests that may wait for a worker before new ones get 503
     * @param maxBodyBytes larger request bodies get 413 without being read
     */
    public WebServer(String host, int port, int threads, int queue, int maxBodyBytes) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, "http-worker");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.maxBodyBytes = maxBodyBytes;
        server.setExecutor(command -> {
            try {
                workers.execute(command);
            } catch (RejectedExecutionException e) {
                // Back-pressure: answer 503 on the accepting thread without doing the work,
                // so a burst never grows threads or memory; platforms retry later.
                log.warn("http.overloaded queue={}", workers.getQueue().size());
                OVERLOADED.set(true);
                try {
                    command.run();
                } finally {
                    OVERLOADED.set(false);
                }
            }
        });
        server.createContext("/", this::dispatch);
    }

    public WebServer route(String path, HttpRoute route) {
        routes.put(path, route);
        return this;
    }

    /** Tells {@code observer} about every answered request (one observer; call before {@link #start()}). */
    public WebServer observe(RequestObserver observer) {
        this.observer = java.util.Objects.requireNonNull(observer, "observer == null");
        return this;
    }

    public WebServer start() {
        server.start();
        port = server.getAddress().getPort();
        log.info("http.started port={}", port);
        return this;
    }

    public int port() {
        return port != 0 ? port : server.getAddress().getPort();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        String requestId = RequestContext.idFrom(exchange.getRequestHeaders().getFirst(REQUEST_ID_HEADER));
        int status = 500;
        // Every log line of this request, here and on the threads it hands work to, carries the id.
        try (exchange; RequestContext.Scope scope = RequestContext.open(requestId)) {
            HttpResponse response = respond(exchange);
            status = response.status();
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } finally {
            String path = exchange.getRequestURI().getPath();
            try {
                observer.completed(routes.containsKey(path) ? path : "unmatched", status, System.nanoTime() - start);
            } catch (RuntimeException e) {
                log.warn("http.observer_failed error={}", e.toString());
            }
        }
    }

    private HttpResponse respond(HttpExchange exchange) {
        if (OVERLOADED.get()) {
            return new HttpResponse(503, "text/plain; charset=utf-8", "busy, retry later".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of("Retry-After", "1"));
        }
        String path = exchange.getRequestURI().getPath();
        HttpRoute route = routes.get(path);
        if (route == null) {
            return HttpResponse.text(404, "not found");
        }
        long declared = parseLength(exchange.getRequestHeaders().getFirst("Content-Length"));
        if (declared > maxBodyBytes) {
            return tooLarge(exchange);
        }
        try {
            byte[] body = readCapped(exchange.getRequestBody());
            if (body == null) {
                return tooLarge(exchange);
            }
            HttpRequest request = new HttpRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body);
            return route.handle(request);
        } catch (Exception e) {
            log.error("http.route_failed path={}", path, e);
            return HttpResponse.text(500, "internal error");
        }
    }

    /**
     * 413, after reading (and dropping) up to {@value #MAX_DRAIN_BYTES} more of the body: a client still
     * uploading when the server closes gets a reset instead of the status. Anything longer is cut off.
     */
    private static HttpResponse tooLarge(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            long skipped = 0;
            byte[] sink = new byte[64 * 1024];
            for (int n; skipped < MAX_DRAIN_BYTES && (n = in.read(sink)) > 0; ) {
                skipped += n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
        return new HttpResponse(413, "text/plain; charset=utf-8", "request body too large".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Connection", "close"));
    }

    /** Reads at most the cap; null when the body is longer (chunked uploads declare no length). */
    private byte[] readCapped(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        return body.length > maxBodyBytes ? null : body;
    }

    private static long parseLength(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Stops accepting connections and waits up to a second for requests being handled (acknowledgements
     * are quick); work those requests handed to other threads is their owners' to finish. Idempotent.
     */
    public synchronized void stopAccepting() {
        if (!stopped) {
            stopped = true;
            server.stop(1);
            log.info("http.stopped_accepting port={}", port);
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
