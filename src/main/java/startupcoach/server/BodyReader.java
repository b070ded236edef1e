package startupcoach.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads one request body without holding a thread: Jetty calls back as bytes arrive, so a client
 * that stalls mid-body costs nothing but its socket until the deadline. Exactly one outcome is
 * reported, on whichever thread finishes first (an I/O thread, or the scheduler at the deadline).
 */
final class BodyReader implements Runnable {

    /**
     * How much of a too-large body is read and dropped before the 413 goes out: a client still
     * uploading when the server stops reading gets a connection reset instead of the status.
     * Anything longer is cut off.
     */
    static final long MAX_DRAIN_BYTES = 8L << 20;

    /** What became of the body. */
    interface Outcome {
        void body(byte[] body);

        /** Longer than the cap (declared or counted). */
        void tooLarge();

        /** Not complete by the deadline, or the connection went silent. */
        void timedOut();

        /** The client went away or sent something unreadable. */
        void failed(Throwable failure);
    }

    private final Request request;
    private final int maxBytes;
    private final Outcome outcome;
    private final AtomicBoolean finished = new AtomicBoolean();
    private ByteArrayOutputStream body;
    private long received;
    private Scheduler.Task deadline;

    private BodyReader(Request request, int maxBytes, Outcome outcome) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.outcome = outcome;
    }

    /** Starts reading; {@code outcome} hears about it once, possibly before this returns. */
    static void read(Request request, int maxBytes, Duration timeout, Outcome outcome) {
        BodyReader reader = new BodyReader(request, maxBytes, outcome);
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxBytes + MAX_DRAIN_BYTES) {
            reader.finish(Outcome::tooLarge);
            return;
        }
        if (declared <= maxBytes) {
            reader.body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        }
        reader.deadline = request.getComponents().getScheduler()
                .schedule(() -> reader.finish(Outcome::timedOut), timeout.toMillis(), TimeUnit.MILLISECONDS);
        reader.run();
    }

    /** Reads what has arrived, then asks Jetty to call again when there is more. */
    @Override
    public void run() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                finish(o -> {
                    if (failure instanceof TimeoutException) {
                        o.timedOut();
                    } else {
                        o.failed(failure);
                    }
                });
                return;
            }
            boolean last = chunk.isLast();
            take(chunk.getByteBuffer());
            chunk.release();
            if (body == null && received > maxBytes + MAX_DRAIN_BYTES) {
                finish(Outcome::tooLarge);
                return;
            }
            if (last) {
                byte[] bytes = body == null ? null : body.toByteArray();
                finish(o -> {
                    if (bytes == null) {
                        o.tooLarge();
                    } else {
                        o.body(bytes);
                    }
                });
                return;
            }
        }
    }

    private void take(ByteBuffer buffer) {
        int n = buffer.remaining();
        received += n;
        if (body == null) {
            return; // over the cap: counted and dropped
        }
        if (received > maxBytes) {
            body = null;
            return;
        }
        byte[] copy = new byte[n];
        buffer.get(copy);
        body.write(copy, 0, n);
    }

    private void finish(java.util.function.Consumer<Outcome> report) {
        if (finished.compareAndSet(false, true)) {
            if (deadline != null) {
                deadline.cancel();
            }
            report.accept(outcome);
        }
    }
}
