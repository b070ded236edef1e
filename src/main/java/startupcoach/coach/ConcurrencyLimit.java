package startupcoach.coach;

import java.util.Objects;
import java.util.concurrent.Semaphore;
import startupcoach.compose.DraftListener;

/**
 * Lets at most {@code permits} questions be answered at once across all platforms, the others
 * waiting their turn on their own worker thread. Retrieval and composing are CPU-bound: with more
 * answers running than cores, the threads that acknowledge Slack and DingTalk (which must answer
 * within milliseconds) get a smaller share of the CPU for no gain in throughput.
 */
public final class ConcurrencyLimit implements CommandHandler.Drafting {

    private final CommandHandler delegate;
    private final Semaphore permits;

    /** @param permits answers at once, at least 1; the number of cores is a good value */
    public ConcurrencyLimit(CommandHandler delegate, int permits) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        this.permits = new Semaphore(permits, true);
    }

    @Override
    public Reply handle(IncomingMessage message, String args, DraftListener drafts) {
        // Uninterruptibly: adapters never interrupt an answer (Lucene I/O must not be interrupted).
        permits.acquireUninterruptibly();
        try {
            return delegate.handle(message, args, drafts);
        } finally {
            permits.release();
        }
    }
}
