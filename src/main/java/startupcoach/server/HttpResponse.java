package startupcoach.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * @param status      HTTP status code
 * @param contentType media type of the body
 * @param body        response bytes
 * @param headers     extra headers (may be empty)
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public HttpResponse {
        Objects.requireNonNull(contentType, "contentType == null");
        body = body == null ? new byte[0] : body;
        headers = Map.copyOf(headers);
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse json(int status, String json) {
        return new HttpResponse(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse empty(int status) {
        return new HttpResponse(status, "text/plain; charset=utf-8", new byte[0], Map.of());
    }
}
