package startupcoach.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.server.HttpRequest;
import startupcoach.server.HttpResponse;
import startupcoach.server.HttpRoute;

/**
 * {@code POST /slack/events}: Bolt's single URL for events, slash commands and button clicks,
 * on our own {@link startupcoach.server.WebServer} (no servlet container). Checks the signature
 * first, then hands the request to Bolt and maps Bolt's response back.
 *
 * <p>Never answers 5xx for a bad request: malformed bodies get 400 so Slack does not keep
 * retrying them, and nothing about an unsigned request is processed or logged beyond the reason.
 */
final class BoltHttpRoute implements HttpRoute {

    private static final Logger log = LoggerFactory.getLogger(BoltHttpRoute.class);

    private final App app;
    private final SignatureVerifier verifier;
    private final SlackRequestParser parser;

    BoltHttpRoute(App app, SignatureVerifier verifier) {
        this.app = Objects.requireNonNull(app, "app == null");
        this.verifier = Objects.requireNonNull(verifier, "verifier == null");
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("POST")) {
            return new HttpResponse(405, "text/plain; charset=utf-8", "POST only".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "POST"));
        }
        SignatureVerifier.Verdict verdict = verifier.verify(request);
        if (verdict != SignatureVerifier.Verdict.VALID) {
            log.warn("slack.request.rejected reason={} bytes={}", verdict, request.body().length);
            return HttpResponse.json(401, "{\"error\":\"invalid request\"}");
        }
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.path())
                    .queryString(Map.of()) // Slack's requests carry everything in the body
                    .requestBody(request.bodyText())
                    .headers(new RequestHeaders(request.headers()))
                    .remoteAddress("")
                    .build());
        } catch (RuntimeException e) {
            // Gson and the payload classes throw a variety of unchecked exceptions on bad JSON.
            log.warn("slack.request.malformed error={}", e.getClass().getSimpleName());
            return HttpResponse.json(400, "{\"error\":\"malformed request\"}");
        }
        if (slackRequest == null) {
            log.warn("slack.request.unrecognized bytes={}", request.body().length);
            return HttpResponse.json(400, "{\"error\":\"unrecognized request\"}");
        }
        try {
            return toHttp(app.run(slackRequest));
        } catch (RedeliverLater e) {
            return new HttpResponse(503, "text/plain; charset=utf-8", e.getMessage().getBytes(StandardCharsets.UTF_8),
                    Map.of("Retry-After", "60"));
        } catch (Exception e) {
            log.warn("slack.request.failed type={} error={}", slackRequest.getRequestType(), e.getClass().getSimpleName(), e);
            return HttpResponse.json(400, "{\"error\":\"request could not be handled\"}");
        }
    }

    private static HttpResponse toHttp(Response response) {
        int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        String body = response.getBody() == null ? "" : response.getBody();
        String type = response.getContentType() == null ? "text/plain" : response.getContentType();
        if (!type.contains("charset")) {
            type = type + "; charset=utf-8";
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            for (Map.Entry<String, List<String>> h : response.getHeaders().entrySet()) {
                if (h.getValue() != null && !h.getValue().isEmpty() && !h.getKey().equalsIgnoreCase("content-type")) {
                    headers.put(h.getKey(), h.getValue().get(0));
                }
            }
        }
        return new HttpResponse(status, type, body.getBytes(StandardCharsets.UTF_8), headers);
    }
}
