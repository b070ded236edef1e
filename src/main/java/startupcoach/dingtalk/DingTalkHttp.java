package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON over HTTP to DingTalk (session webhooks, OAuth, robot OpenAPI) with one OkHttp client:
 * one connection pool for every call, closed with the platform. Thread-safe.
 */
final class DingTalkHttp implements AutoCloseable {

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
        this.client = client;
        this.json = json;
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
        Request.Builder request;
        try {
            request = new Request.Builder().url(url).post(RequestBody.create(json.writeValueAsBytes(body), JSON));
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
                throw new DingTalkException(what + " answered HTTP " + response.code() + " code="
                        + parsed.path("code").asText(parsed.path("errcode").asText("?")), response.code());
            }
            return parsed;
        } catch (IOException e) {
            throw new DingTalkException(what + " unreachable: " + e.getClass().getSimpleName(), e);
        }
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
