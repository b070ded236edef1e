package startupcoach.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's side of {@link WebServer}: finds the route, reads the body without blocking
 * ({@link BodyReader}), runs the route on a worker and writes its {@link HttpResponse}. Never blocks
 * the calling I/O thread, so Jetty may call it straight from its selector.
 */
final class RouteHandler extends Handler.Abstract.NonBlocking {

    private static final Logger log = LoggerFactory.getLogger(RouteHandler.class);
    private static final String UNMATCHED = "unmatched";

    private final Map<String, HttpRoute> routes;
    private final Executor workers;
    private final WebServer.Limits limits;
    private volatile RequestObserver observer = RequestObserver.NONE;

    RouteHandler(Map<String, HttpRoute> routes, Executor workers, WebServer.Limits limits) {
        this.routes = routes;
        this.workers = workers;
        this.limits = limits;
    }

    void observe(RequestObserver observer) {
        this.observer = observer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        HttpRoute route = path == null ? null : routes.get(path);
        Exchange exchange = new Exchange(request, response, callback, route == null ? UNMATCHED : path);
        if (route == null) {
            exchange.send(HttpResponse.text(404, "not found"));
            return true;
        }
        BodyReader.read(request, limits.maxBodyBytes(), limits.readTimeout(), new BodyReader.Outcome() {
            @Override
            public void body(byte[] body) {
                dispatch(exchange, route, body);
            }

            @Override
            public void tooLarge() {
                exchange.send(new HttpResponse(413, "text/plain; charset=utf-8",
                        "request body too large".getBytes(StandardCharsets.UTF_8), Map.of("Connection", "close")));
            }

            @Override
            public void timedOut() {
                log.warn("http.read_timeout route={} timeoutMs={}", exchange.route, limits.readTimeout().toMillis());
                // The rest of the body may still come: the connection cannot be reused.
                exchange.send(new HttpResponse(408, "text/plain; charset=utf-8",
                        "request not received in time".getBytes(StandardCharsets.UTF_8), Map.of("Connection", "close")));
            }

            @Override
            public void failed(Throwable failure) {
                log.info("http.read_failed route={} error={}", exchange.route, failure.toString());
                exchange.abort(failure);
            }
        });
        return true;
    }

    private void dispatch(Exchange exchange, HttpRoute route, byte[] body) {
        try {
            workers.execute(() -> {
                // Every log line of this request, here and on the threads it hands work to, carries the id.
                try (RequestContext.Scope scope = RequestContext.open(exchange.requestId)) {
                    exchange.send(run(route, exchange.toHttpRequest(body)));
                }
            });
        } catch (RejectedExecutionException e) {
            // Back-pressure: answer 503 without doing the work; platforms retry later.
            log.warn("http.overloaded route={}", exchange.route);
            exchange.send(new HttpResponse(503, "text/plain; charset=utf-8", "busy, retry later".getBytes(StandardCharsets.UTF_8),
                    Map.of("Retry-After", "1")));
        }
    }

    private static HttpResponse run(HttpRoute route, HttpRequest request) {
        try {
            return route.handle(request);
        } catch (Exception e) {
            log.error("http.route_failed path={}", request.path(), e);
            return HttpResponse.text(500, "internal error");
        }
    }

    /** One request on its way through: where the response goes and what the observer hears. */
    private final class Exchange {
        final Request request;
        final Response response;
        final Callback callback;
        final String route;
        final String requestId;
        final long started = System.nanoTime();

        Exchange(Request request, Response response, Callback callback, String route) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.route = route;
            this.requestId = RequestContext.idFrom(request.getHeaders().get(WebServer.REQUEST_ID_HEADER));
        }

        HttpRequest toHttpRequest(byte[] body) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
            }
            return new HttpRequest(request.getMethod(), request.getHttpURI().getDecodedPath(), request.getHttpURI().getQuery(),
                    headers, body);
        }

        void send(HttpResponse out) {
            response.setStatus(out.status());
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, out.contentType());
            headers.put(WebServer.REQUEST_ID_HEADER, requestId);
            out.headers().forEach(headers::put);
            headers.put(HttpHeader.CONTENT_LENGTH, out.body().length);
            response.write(true, ByteBuffer.wrap(out.body()), Callback.from(() -> {
                callback.succeeded();
                completed(out.status());
            }, failure -> {
                callback.failed(failure);
                completed(out.status());
            }));
        }

        void abort(Throwable failure) {
            callback.failed(failure);
        }

        private void completed(int status) {
            try {
                observer.completed(route, status, System.nanoTime() - started);
            } catch (RuntimeException e) {
                log.warn("http.observer_failed error={}", e.toString());
            }
        }
    }
}
