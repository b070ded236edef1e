package startupcoach.slack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends requests to the bot as Slack does: raw body bytes signed with
 * {@code v0=} + hex HMAC-SHA256(secret, {@code v0:ts:body}), computed here independently of the
 * production verifier.
 */
final class SignedClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private final String secret;

    SignedClient(int port, String secret) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.secret = secret;
    }

    HttpResponse<String> json(String body, Map<String, String> headers) {
        return post(body.getBytes(StandardCharsets.UTF_8), "application/json", now(), headers);
    }

    HttpResponse<String> json(String body) {
        return json(body, Map.of());
    }

    HttpResponse<String> form(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", now(), Map.of());
    }

    /** Signed at the given time; {@code extra} headers may override the signature headers. */
    HttpResponse<String> post(byte[] body, String contentType, long timestamp, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", sign(secret, timestamp, body));
        extra.forEach(b::setHeader);
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Without any signature headers. */
    HttpResponse<String> unsigned(String body) {
        return send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get() {
        return send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).GET().build());
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
