package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's OpenAPI access token ({@code POST /v1.0/oauth2/accessToken}), cached until shortly
 * before it expires: DingTalk rate-limits token requests and a token lives two hours. Thread-safe;
 * concurrent callers share one fetch.
 */
final class AccessTokens {

    /** Renew this long before expiry, so a token never expires between fetch and use. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(AccessTokens.class);

    private final DingTalkHttp http;
    private final String url;
    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    AccessTokens(DingTalkHttp http, String apiUrl, String appKey, String appSecret, Clock clock) {
        this.http = http;
        this.url = apiUrl + "/v1.0/oauth2/accessToken";
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
    }

    synchronized String get() throws DingTalkException {
        Instant now = clock.instant();
        if (token != null && now.isBefore(renewAt)) {
            return token;
        }
        JsonNode result = http.post("access token", url, Map.of("appKey", appKey, "appSecret", appSecret), Map.of());
        String fresh = result.path("accessToken").asText("");
        long expireIn = result.path("expireIn").asLong(0);
        if (fresh.isEmpty() || expireIn <= 0) {
            throw new DingTalkException("access token response has no accessToken/expireIn", 200);
        }
        // Short-lived tokens (tests, future changes) are renewed at half their life instead.
        long keep = Math.max(expireIn - RENEW_BEFORE.toSeconds(), expireIn / 2);
        token = fresh;
        renewAt = now.plusSeconds(keep);
        log.info("dingtalk.token_fetched expireInS={}", expireIn);
        return token;
    }

    /** Forgets the token after DingTalk rejected it, so the next call fetches a new one. */
    synchronized void invalidate() {
        token = null;
        renewAt = Instant.MIN;
    }
}
