package startupcoach.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's limits seen from raw sockets, byte by byte as a client sends them: keep-alive,
 * the body, header and connection caps, the read timeout of a stalled body and the worker queue.
 */
class WebServerLimitsTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(700);
    private final List<Socket> sockets = new ArrayList<>();
    private WebServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private WebServer start(int threads, int queue, int maxConnections) throws IOException {
        server = new WebServer("127.0.0.1", 0, new WebServer.Limits(threads, queue, 1024, 2048, maxConnections,
                READ_TIMEOUT, Duration.ofSeconds(5)));
        server.route("/echo", request -> HttpResponse.text(200, "got " + request.body().length));
        return server.start();
    }

    @Test
    void keepsTheConnectionAliveForTheNextRequest() throws IOException {
        start(1, 4, 10);
        Socket s = connect();
        send(s, post("/echo", "abc"));
        assertThat(RawHttp.readResponse(s)).startsWith("HTTP/1.1 200").endsWith("got 3");
        send(s, post("/echo", "abcdef"));
        assertThat(RawHttp.readResponse(s)).startsWith("HTTP/1.1 200").endsWith("got 6");
    }

    @Test
    void refusesADeclaredOversizeBodyWith413AndClosesTheConnection() throws IOException {
        start(1, 4, 10);
        Socket s = connect();
        send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
        assertThat(RawHttp.readResponse(s)).startsWith("HTTP/1.1 413");
        assertThat(RawHttp.readToEnd(s)).as("after the 413 the server closes").isEmpty();
    }

    @Test
    void refusesAChunkedBodyThatGrowsPastTheCapWith413() throws IOException {
        start(1, 4, 10);
        Socket s = connect();
        String chunk = Integer.toHexString(800) + "\r\n" + "y".repeat(800) + "\r\n";
        send(s, "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n");
        assertThat(RawHttp.readResponse(s)).startsWith("HTTP/1.1 413");
    }

    @Test
    void refusesOversizeHeadersWith431() throws IOException {
        start(1, 4, 10);
        Socket s = connect();
        send(s, "GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: " + "z".repeat(4000) + "\r\n\r\n");
        assertThat(RawHttp.readResponse(s)).startsWith("HTTP/1.1 431");
    }

    @Test
    void aStalledBodyTimesOutWith408AndTheConnectionClosedWithoutHoldingTheOnlyWorker() throws IOException {
        start(1, 1, 10);
        Socket stalled = connect();
        send(stalled, "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly part of it");
        // One worker only: if the stalled request held it, this would wait for the timeout.
        long t0 = System.nanoTime();
        Socket other = connect();
        send(other, post("/echo", "hi"));
        assertThat(RawHttp.readResponse(other)).startsWith("HTTP/1.1 200");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(READ_TIMEOUT);

        String timedOut = RawHttp.readResponse(stalled);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(100))
                .isLessThan(READ_TIMEOUT.plusSeconds(3));
        assertThat(timedOut).startsWith("HTTP/1.1 408");
        assertThat(RawHttp.readToEnd(stalled)).as("the connection is closed after the 408").isEmpty();
    }

    @Test
    void acceptsNoMoreThanTheConnectionLimitUntilOneCloses() throws IOException {
        start(1, 4, 2);
        Socket first = connect();
        send(first, post("/echo", "1"));
        assertThat(RawHttp.readResponse(first)).startsWith("HTTP/1.1 200");
        Socket second = connect();
        send(second, post("/echo", "2"));
        assertThat(RawHttp.readResponse(second)).startsWith("HTTP/1.1 200");

        Socket third = connect(); // the kernel's backlog accepts it; Jetty does not, yet
        send(third, post("/echo", "3"));
        third.setSoTimeout(500);
        assertThat(tryRead(third)).as("answered beyond the connection limit").isEqualTo(-2);
        first.close();
        third.setSoTimeout(5_000);
        assertThat(RawHttp.readResponse(third)).startsWith("HTTP/1.1 200").endsWith("got 1");
    }

    @Test
    void answers503WhenEveryWorkerIsBusyAndTheQueueIsFull() throws Exception {
        start(1, 1, 10);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        server.route("/slow", request -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return HttpResponse.text(200, "slow");
        });
        Socket busy = connect();
        send(busy, post("/slow", ""));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        Socket queued = connect();
        send(queued, post("/slow", ""));
        Thread.sleep(200);
        Socket refused = connect();
        send(refused, post("/slow", ""));
        assertThat(RawHttp.readResponse(refused)).startsWith("HTTP/1.1 503").contains("Retry-After: 1");
        release.countDown();
        assertThat(RawHttp.readResponse(busy)).startsWith("HTTP/1.1 200");
        assertThat(RawHttp.readResponse(queued)).startsWith("HTTP/1.1 200");
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        sockets.add(s);
        return s;
    }

    private static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static void send(Socket s, String raw) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** -2 when nothing arrived within the socket's timeout, else the first byte (or -1 at end). */
    private static int tryRead(Socket s) throws IOException {
        try {
            return s.getInputStream().read();
        } catch (SocketTimeoutException e) {
            return -2;
        }
    }
}
