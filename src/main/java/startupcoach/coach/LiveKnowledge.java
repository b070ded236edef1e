package startupcoach.coach;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge snapshot in service, swapped atomically by a reload. Every answer takes the
 * snapshot current when it starts ({@link #apply}) and keeps it to the end, so a question asked
 * during a swap is answered wholly from the old index or wholly from the new one, never a mix.
 *
 * <p>The old snapshot is closed by <b>reference counting</b>, not after a grace delay: the holder
 * owns one reference and every answer in flight one more; the last release closes it. A delay long
 * enough for the slowest answer (a language model may take its whole timeout) would keep every old
 * index open that long, and one a little too short would close an index under a running search.
 * Counting costs two atomic operations per answer and closes exactly when it can. The same pattern
 * as Lucene's {@code IndexReader.tryIncRef}/{@code decRef}.
 *
 * <p>Thread-safe.
 */
public final class LiveKnowledge<T extends KnowledgeSnapshot> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveKnowledge.class);

    /** A snapshot with its reference count and generation number. */
    private static final class Held<T extends KnowledgeSnapshot> {
        final T snapshot;
        final int generation;
        /** 1 for the holder while current, plus one per user; 0 once closed (never revived). */
        final AtomicInteger refs = new AtomicInteger(1);

        Held(T snapshot, int generation) {
            this.snapshot = snapshot;
            this.generation = generation;
        }

        boolean tryRetain() {
            while (true) {
                int n = refs.get();
                if (n == 0) {
                    return false;
                }
                if (refs.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                log.info("reload.retired generation={}", generation);
                try {
                    snapshot.close();
                } catch (RuntimeException e) {
                    log.warn("reload.retire_failed generation={}", generation, e);
                }
            }
        }
    }

    private final AtomicReference<Held<T>> current;
    private final AtomicInteger generations = new AtomicInteger();

    /** @param initial the snapshot built at start-up (generation 0) */
    public LiveKnowledge(T initial) {
        current = new AtomicReference<>(new Held<>(Objects.requireNonNull(initial, "initial == null"), 0));
    }

    /**
     * Runs {@code use} with the current snapshot, which stays open until it returns even if a
     * reload swaps in a newer one meanwhile.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public <R> R apply(Function<? super T, R> use) {
        Held<T> held = retain();
        try {
            return use.apply(held.snapshot);
        } finally {
            held.release();
        }
    }

    /**
     * The current snapshot without holding it, for values that stay valid after it is closed (the
     * parsed knowledge base, counts). Anything that searches the index goes through {@link #apply}.
     */
    public T current() {
        Held<T> held = current.get();
        if (held == null) {
            throw new IllegalStateException("the knowledge base is closed");
        }
        return held.snapshot;
    }

    /** How many snapshots were swapped in since start-up. */
    public int generation() {
        Held<T> held = current.get();
        return held == null ? -1 : held.generation;
    }

    /**
     * Publishes {@code next}; the previous snapshot closes once the answers using it finish.
     *
     * @throws IllegalStateException after {@link #close()} (and closes {@code next})
     */
    public void swap(T next) {
        Objects.requireNonNull(next, "next == null");
        Held<T> fresh = new Held<>(next, generations.incrementAndGet());
        Held<T> old = current.getAndUpdate(h -> h == null ? null : fresh);
        if (old == null) {
            next.close();
            throw new IllegalStateException("the knowledge base is closed");
        }
        old.release();
    }

    private Held<T> retain() {
        while (true) {
            Held<T> held = current.get();
            if (held == null) {
                throw new IllegalStateException("the knowledge base is closed");
            }
            // Fails only when this one was swapped out and fully released meanwhile: read again.
            if (held.tryRetain()) {
                return held;
            }
        }
    }

    /** Stops serving; the current snapshot closes once the answers using it finish. Idempotent. */
    @Override
    public void close() {
        Held<T> held = current.getAndSet(null);
        if (held != null) {
            held.release();
        }
    }
}
