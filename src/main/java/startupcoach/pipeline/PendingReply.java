package startupcoach.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;

/**
 * A reply being computed. Never fails: a computation that throws or takes longer than the deadline
 * becomes an apology, so the asker always gets an answer, never silence. Waiting never interrupts
 * the computation itself (an interrupt during Lucene I/O can close index files for everyone).
 */
public final class PendingReply {

    /** An answer slower than this is given up on with an apology (the coach itself takes milliseconds). */
    public static final Duration MAX_ANSWER_WAIT = Duration.ofSeconds(60);
    static final String TOO_SLOW = "Sorry, that took too long. Please try again in a moment.";
    static final String FAILED = "Sorry, something went wrong while answering. Please try again in a moment.";
    private static final Logger log = LoggerFactory.getLogger(PendingReply.class);

    private final Future<Reply> future;
    private final Duration deadline;
    private final boolean given;

    PendingReply(Future<Reply> future, Duration deadline) {
        this(future, deadline, false);
    }

    private PendingReply(Future<Reply> future, Duration deadline, boolean given) {
        this.future = Objects.requireNonNull(future, "future == null");
        this.deadline = Objects.requireNonNull(deadline, "deadline == null");
        this.given = given;
    }

    /** A reply that is already there (an apology): {@link Outlet#answer} was not asked for it. */
    public static PendingReply of(Reply reply) {
        return new PendingReply(CompletableFuture.completedFuture(Objects.requireNonNull(reply, "reply == null")), MAX_ANSWER_WAIT,
                true);
    }

    /** True for a reply {@link #of given} rather than computed through {@link Outlet#answer}. */
    public boolean given() {
        return given;
    }

    /**
     * The computation itself, for an outlet that waits for it in its own way (Slack's placeholder and
     * streaming). Never cancel it with interruption.
     */
    public Future<Reply> future() {
        return future;
    }

    /** The reply if it is ready within {@code wait}; empty if not yet. */
    public Optional<Reply> within(Duration wait) throws InterruptedException {
        try {
            return Optional.of(future.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of(failed(e));
        }
    }

    /** The reply, or an apology once the deadline has passed. */
    public Reply get() throws InterruptedException {
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            log.error("pipeline.answer.timeout waitedMs={}", deadline.toMillis());
            return Reply.of(ReplyKind.ERROR, TOO_SLOW);
        } catch (ExecutionException e) {
            return failed(e);
        }
    }

    /** Stops waiting for it (shutting down); the computation runs to its end. */
    void abandon() {
        future.cancel(false);
    }

    private static Reply failed(ExecutionException e) {
        // Coach.handle never throws; this is a bug, but the user still gets an answer.
        log.error("pipeline.answer.failed", e.getCause());
        return Reply.of(ReplyKind.ERROR, FAILED);
    }
}
