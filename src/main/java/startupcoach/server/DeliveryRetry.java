package startupcoach.server;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps trying to deliver a reply while the platform's API fails in a way that says nothing was
 * posted (HTTP 429 or 5xx, connection refused): waits with exponential backoff and jitter, and gives
 * up only after {@link Policy#giveUpAfter()}. A user whose question arrived during a Slack or
 * DingTalk incident gets the answer when the API recovers, once: failures whose outcome is unknown
 * (a read timeout) are never retried, since the message may already be in the chat.
 *
 * <p>The waiting happens on the calling reply worker; the adapters' bounded queues turn a long
 * incident into back-pressure (503 to the platform, which redelivers) rather than into unbounded
 * memory. Thread-safe.
 */
public final class DeliveryRetry {

    /**
     * @param firstDelay  wait after the first failure; doubles up to {@code maxDelay}
     * @param maxDelay    longest wait between two attempts
     * @param giveUpAfter no attempt starts later than this after the first one
     */
    public record Policy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {

        /** A reply that is 10 minutes late still answers the question; later, the asker has moved on. */
        public static final Policy REPLIES = new Policy(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(10));

        public Policy {
            Objects.requireNonNull(firstDelay, "firstDelay == null");
            Objects.requireNonNull(maxDelay, "maxDelay == null");
            Objects.requireNonNull(giveUpAfter, "giveUpAfter == null");
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay, got " + firstDelay + ", " + maxDelay);
            }
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetry.class);

    private final Policy policy;
    private final Predicate<Throwable> retryable;

    /**
     * @param retryable whether a failure certainly left nothing posted and a later attempt may work
     */
    public DeliveryRetry(Policy policy, Predicate<Throwable> retryable) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.retryable = Objects.requireNonNull(retryable, "retryable == null");
    }

    /**
     * Runs {@code call} until it succeeds, fails for good, or the policy gives up; the last failure
     * is rethrown as it was.
     *
     * @param what names the call in log lines, e.g. {@code chat.postMessage}
     * @throws E                    the call's last failure
     * @throws InterruptedException when interrupted while waiting for the next attempt
     */
    public <T, E extends Exception> T call(String what, Attempt<T, E> call) throws E, InterruptedException {
        RetryPolicy<T> retries = RetryPolicy.<T>builder()
                .handleIf(retryable::test)
                .withBackoff(policy.firstDelay(), policy.maxDelay())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .withMaxDuration(policy.giveUpAfter())
                .onRetry(e -> log.warn("delivery.retry what={} attempt={} reason={}", what, e.getAttemptCount() + 1,
                        reason(e.getLastException())))
                .onRetriesExceeded(e -> log.error("delivery.gave_up what={} attempts={} afterMs={} reason={}", what,
                        e.getAttemptCount(), e.getElapsedTime().toMillis(), reason(e.getException())))
                .build();
        RecoveryLog recovery = new RecoveryLog(what);
        try {
            return Failsafe.with(retries).onSuccess(recovery::succeeded).get((CheckedSupplier<T>) call::run);
        } catch (FailsafeException e) {
            // Failsafe wraps checked exceptions; hand the caller back its own.
            return rethrow(e.getCause());
        }
    }

    /** Like {@link #call}, for a delivery that returns nothing. */
    public <E extends Exception> void run(String what, VoidAttempt<E> attempt) throws E, InterruptedException {
        call(what, () -> {
            attempt.run();
            return null;
        });
    }

    /** One attempt of a delivery. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E, InterruptedException;
    }

    /** One attempt of a delivery that returns nothing. */
    @FunctionalInterface
    public interface VoidAttempt<E extends Exception> {
        void run() throws E, InterruptedException;
    }

    /**
     * Failures that happen before a request leaves this machine, so nothing was delivered. A timeout
     * is not one of them: the request may have arrived, and the message may be in the chat.
     */
    public static boolean neverSent(IOException e) {
        return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException;
    }

    @SuppressWarnings("unchecked")
    private static <T, E extends Exception> T rethrow(Throwable cause) throws E, InterruptedException {
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw (E) cause;
    }

    private static String reason(Throwable failure) {
        return failure == null ? "?" : failure.getMessage();
    }

    /** Logs a success that needed more than one attempt, so an incident's end shows in the log. */
    private record RecoveryLog(String what) {
        void succeeded(dev.failsafe.event.ExecutionCompletedEvent<?> e) {
            if (e.getAttemptCount() > 1) {
                log.info("delivery.recovered what={} attempts={} afterMs={}", what, e.getAttemptCount(), e.getElapsedTime().toMillis());
            }
        }
    }
}
