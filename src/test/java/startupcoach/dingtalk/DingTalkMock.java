package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * DingTalk's side in tests: session webhooks, the OAuth token endpoint and the robot OpenAPI on
 * one MockWebServer, answering as DingTalk does.
 */
final class DingTalkMock implements AutoCloseable {

    static final String TOKEN = "tok-7f3a9c2e";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger tokens = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    /** The permission the card OpenAPI says the app lacks, or null when cards work. */
    private volatile String refusedPermission;
    private volatile String refusedPath;

    DingTalkMock() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl() == null ? "" : request.getRequestUrl().encodedPath();
                return switch (path) {
                    case "/robot/sendBySession" -> json("{\"errcode\":0,\"errmsg\":\"ok\"}");
                    case "/v1.0/oauth2/accessToken" -> {
                        tokens.incrementAndGet();
                        yield json("{\"accessToken\":\"" + TOKEN + "\",\"expireIn\":7200}");
                    }
                    case "/v1.0/robot/groupMessages/send" -> json("{\"processQueryKey\":\"pqk-group\"}");
                    case "/v1.0/card/instances/createAndDeliver", "/v1.0/card/instances", "/v1.0/card/streaming" -> card(path,
                            request);
                    case "/v1.0/robot/oToMessages/batchSend" -> json(
                            "{\"processQueryKey\":\"pqk-single\",\"invalidStaffIdList\":[],\"flowControlledStaffIdList\":[]}");
                    default -> new MockResponse().setResponseCode(404);
                };
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From now on the card OpenAPI call on {@code path} answers 403 naming {@code permission}. */
    void refuseCards(String path, String permission) {
        this.refusedPath = path;
        this.refusedPermission = permission;
    }

    private MockResponse card(String path, RecordedRequest request) {
        if (path.equals(refusedPath)) {
            return json(fixture("permission-denied.json").replace("PERMISSION", refusedPermission)).setResponseCode(403);
        }
        if (path.endsWith("/createAndDeliver")) {
            String outTrackId;
            try {
                outTrackId = Payloads.JSON.readTree(request.getBody().clone().readUtf8()).path("outTrackId").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return json(fixture("createAndDeliver-response.json").replace("OUT_TRACK_ID", outTrackId));
        }
        return json(fixture("update-response.json"));
    }

    static String fixture(String name) {
        try (var in = DingTalkMock.class.getResourceAsStream("/dingtalk/cards/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next request other than a token fetch. */
    RecordedRequest takeApi() throws InterruptedException {
        while (true) {
            RecordedRequest r = take();
            if (!"/v1.0/oauth2/accessToken".equals(r.getRequestUrl().encodedPath())) {
                return r;
            }
        }
    }

    /** The next request other than a token fetch within {@code millis}, or null. */
    RecordedRequest pollApi(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (true) {
            RecordedRequest r = poll(Math.max(1, end - System.currentTimeMillis()));
            if (r == null || !"/v1.0/oauth2/accessToken".equals(r.getRequestUrl().encodedPath())) {
                return r;
            }
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
    }

    /** A session webhook URL of the shape DingTalk hands out, on this server. */
    String webhook() {
        return server.url("/robot/sendBySession?session=s" + sessions.incrementAndGet()).toString();
    }

    String apiUrl() {
        String url = server.url("/").toString();
        return url.substring(0, url.length() - 1);
    }

    int tokenRequests() {
        return tokens.get();
    }

    /** The next request, waiting up to 10 s; fails when none arrives. */
    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("DingTalk received nothing within 10 s");
        }
        return request;
    }

    /** The next request within {@code millis}, or null: for "nothing was sent". */
    RecordedRequest poll(long millis) throws InterruptedException {
        return server.takeRequest(millis, TimeUnit.MILLISECONDS);
    }

    static JsonNode body(RecordedRequest request) throws IOException {
        return Payloads.JSON.readTree(request.getBody().readUtf8());
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
