package startupcoach.cli;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's clock and client: requests go out at a fixed rate from a bounded pool, each
 * recorded with its status and its latency measured from the moment it was <em>due</em>, so a
 * backlog (in the server or in the generator) counts against the result.
 */
final class PacedLoad implements AutoCloseable {

    private final ExecutorService clients;
    private final long interval;
    private final long begin = System.nanoTime();
    private final long[] latency;
    private final int[] status;
    private final List<Future<?>> sent;

    /**
     * @param rate     ticks per second
     * @param requests how many requests will be recorded in all
     * @param threads  concurrent requests at most
     */
    PacedLoad(int rate, int requests, int threads) {
        this.interval = TimeUnit.SECONDS.toNanos(1) / rate;
        this.latency = new long[requests];
        this.status = new int[requests];
        this.sent = new ArrayList<>(requests);
        this.clients = Executors.newFixedThreadPool(threads);
    }

    /** Waits for tick {@code tick}'s due time, then sends the requests at once, recorded as {@code index}, {@code index + 1} … */
    void send(int tick, int index, HttpRequest... requests) {
        long due = begin + tick * interval;
        LockSupport.parkNanos(due - System.nanoTime());
        for (int r = 0; r < requests.length; r++) {
            int n = index + r;
            HttpRequest request = requests[r];
            sent.add(clients.submit(() -> {
                HttpResponse<Void> response = Serve.HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                latency[n] = System.nanoTime() - due;
                status[n] = response.statusCode();
                return null;
            }));
        }
    }

    /** Waits for every answer, then stops the clients. */
    void awaitAll() throws Exception {
        try {
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Requests not answered 200. */
    long errors() {
        return Arrays.stream(status).filter(s -> s != 200).count();
    }

    /** Latencies of the requests recorded as {@code from} (inclusive) to {@code to} (exclusive), sorted, in ns. */
    long[] sortedLatencies(int from, int to) {
        return Arrays.stream(latency, from, to).sorted().toArray();
    }

    /** The p-quantile (0–1) of sorted nanoseconds, in milliseconds. */
    static double percentileMs(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }

    @Override
    public void close() {
        clients.shutdownNow();
    }
}
