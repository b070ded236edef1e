package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON over HTTP to DingTalk (session webhooks, OAuth, robot and card OpenAPI) with one OkHttp client:
 * one connection pool for every call, closed with the platform. Thread-safe.
 */
final class DingTalkHttp implements AutoCloseable {

    private static final Pattern PERMISSION_IN_MESSAGE = Pattern.compile("\\[\\s*([A-Za-z][\\w.]*)\\s*[\\],]");
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;
    private final ObjectMapper json;

    DingTalkHttp(ObjectMapper json) {
        this(new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(30))
                .build(), json);
    }

    DingTalkHttp(OkHttpClient client, ObjectMapper json) {
        this.client = client.newBuilder().eventListenerFactory(call -> FIRST_WRITE_LISTENER).build();
        this.json = json;
    }

    /**
     * What runs just before the next request of this thread puts its first byte on the wire; see
     * {@link #markingFirstWrite}. A thread-local because the calls are synchronous: OkHttp runs the
     * listener on the calling thread, and the hook would otherwise have to be passed through every
     * endpoint's signature.
     */
    private static final ThreadLocal<Runnable> BEFORE_FIRST_WRITE = new ThreadLocal<>();
    private static final EventListener FIRST_WRITE_LISTENER = new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
            Runnable hook = BEFORE_FIRST_WRITE.get();
            if (hook != null) {
                BEFORE_FIRST_WRITE.remove();
                hook.run();
            }
        }
    };

    /** Work whose requests this thread makes (their retries included). */
    @FunctionalInterface
    interface Requests {
        void run() throws DingTalkException, InterruptedException;
    }

    /**
     * Runs {@code work} and calls {@code beforeFirstWrite} once, at the last moment before the first
     * of its requests starts sending (connection open, nothing written yet), or never when no request
     * got that far. A reply that may be sent at most once records "sending began" with it: a crash
     * before that point leaves the reply safe to send again, a crash after it leaves it possibly
     * delivered, and the time in between is microseconds instead of a fresh process's first
     * connection and class loading.
     */
    static void markingFirstWrite(Runnable beforeFirstWrite, Requests work) throws DingTalkException, InterruptedException {
        BEFORE_FIRST_WRITE.set(beforeFirstWrite);
        try {
            work.run();
        } finally {
            BEFORE_FIRST_WRITE.remove();
        }
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * POSTs {@code body} as JSON and returns the parsed response (an empty object for an empty body).
     *
     * @param what    names the endpoint in errors and logs ("session webhook"): never the URL, which
     *                may carry a session token
     * @param headers extra headers, e.g. the access token
     * @throws DingTalkException on network failure or a non-2xx status
     */
    JsonNode post(String what, String url, Object body, Map<String, String> headers) throws DingTalkException {
        return send("POST", what, url, body, headers);
    }

    /** Like {@link #post}, with PUT (the card OpenAPI updates with PUT). */
    JsonNode put(String what, String url, Object body, Map<String, String> headers) throws DingTalkException {
        return send("PUT", what, url, body, headers);
    }

    private JsonNode send(String method, String what, String url, Object body, Map<String, String> headers)
            throws DingTalkException {
        Request.Builder request;
        try {
            request = new Request.Builder().url(url).method(method, RequestBody.create(json.writeValueAsBytes(body), JSON));
        } catch (JsonProcessingException e) {
            throw new DingTalkException(what + ": cannot write the request", e);
        } catch (IllegalArgumentException e) {
            throw new DingTalkException(what + ": not an http(s) URL", e);
        }
        headers.forEach(request::header);
        try (Response response = client.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            String text = responseBody == null ? "" : responseBody.string();
            JsonNode parsed = text.isBlank() ? json.createObjectNode() : readOrEmpty(text);
            if (!response.isSuccessful()) {
                String code = parsed.path("code").asText(parsed.path("errcode").asText("?"));
                int status = response.code();
                throw new DingTalkException(what + " answered HTTP " + status + " code=" + code, status,
                        status == 429 || status >= 500, missingPermission(status, code, parsed));
            }
            return parsed;
        } catch (IOException e) {
            throw new DingTalkException(what + " unreachable: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The permission a refusal names. DingTalk answers a call the app has no permission for with
     * 403 and {@code {"code":"Forbidden.AccessDenied.AccessTokenPermissionDenied",
     * "message":"应用尚未开通所需的权限：[Card.Instance.Write]","accessdenieddetail":{"requiredScopes":[…]}}};
     * the scope list is read first, then the bracket in the message.
     */
    static String missingPermission(int status, String code, JsonNode body) {
        if (status != 403 && !code.contains("PermissionDenied") && !code.contains("Forbidden")) {
            return null;
        }
        JsonNode scopes = body.path("accessdenieddetail").path("requiredScopes");
        if (scopes.isArray() && !scopes.isEmpty()) {
            return scopes.get(0).asText();
        }
        Matcher named = PERMISSION_IN_MESSAGE.matcher(body.path("message").asText(""));
        if (named.find()) {
            return named.group(1);
        }
        return status == 403 ? "unknown" : null;
    }

    private JsonNode readOrEmpty(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
