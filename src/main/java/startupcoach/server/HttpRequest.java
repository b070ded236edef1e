package startupcoach.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as a platform adapter sees it: the raw body bytes are kept exactly as received,
 * because Slack and DingTalk signatures are computed over them.
 *
 * @param method  upper-case method
 * @param path    the request path without query
 * @param query   raw query string, or empty
 * @param headers header names lower-cased
 * @param body    raw body bytes
 */
public record HttpRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    public HttpRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        query = query == null ? "" : query;
        TreeMap<String, List<String>> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, case-insensitive. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
