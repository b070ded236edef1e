package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Calls on {@code api.dingtalk.com} as the app: each carries the cached access token in
 * {@code x-acs-dingtalk-access-token}; a 401 (token revoked or rotated early) fetches a new token and
 * tries once more. Thread-safe.
 */
final class OpenApi {

    private static final String TOKEN_HEADER = "x-acs-dingtalk-access-token";

    private final DingTalkHttp http;
    private final AccessTokens tokens;
    private final String apiUrl;

    OpenApi(DingTalkHttp http, AccessTokens tokens, String apiUrl) {
        this.http = http;
        this.tokens = tokens;
        this.apiUrl = apiUrl;
    }

    DingTalkHttp http() {
        return http;
    }

    JsonNode post(String what, String path, Object body) throws DingTalkException {
        return call(false, what, path, body);
    }

    JsonNode put(String what, String path, Object body) throws DingTalkException {
        return call(true, what, path, body);
    }

    private JsonNode call(boolean put, String what, String path, Object body) throws DingTalkException {
        try {
            return once(put, what, path, body);
        } catch (DingTalkException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.invalidate();
            return once(put, what, path, body);
        }
    }

    private JsonNode once(boolean put, String what, String path, Object body) throws DingTalkException {
        Map<String, String> headers = Map.of(TOKEN_HEADER, tokens.get());
        return put ? http.put(what, apiUrl + path, body, headers) : http.post(what, apiUrl + path, body, headers);
    }
}
