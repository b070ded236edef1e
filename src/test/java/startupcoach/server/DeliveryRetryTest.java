package startupcoach.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryRetryTest {

    /** A failure that says whether it may be retried, as SlackException and DingTalkException do. */
    static final class Refused extends Exception {
        final boolean retryable;

        Refused(boolean retryable) {
            super(retryable ? "HTTP 503" : "channel_not_found");
            this.retryable = retryable;
        }
    }

    private static final DeliveryRetry.Policy FAST = new DeliveryRetry.Policy(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofMillis(300));
    private final DeliveryRetry retry = new DeliveryRetry(FAST, e -> e instanceof Refused r && r.retryable);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void retriesTransientFailuresUntilTheCallSucceeds() throws Exception {
        String ts = retry.call("chat.postMessage", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new Refused(true);
            }
            return "1700000000.000100";
        });

        assertThat(ts).isEqualTo("1700000000.000100");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void aFailureThatCannotBeRetriedIsThrownAtOnceAsItWas() {
        assertThatThrownBy(() -> retry.call("chat.postMessage", () -> {
            attempts.incrementAndGet();
            throw new Refused(false);
        })).isInstanceOf(Refused.class).hasMessage("channel_not_found");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void givesUpAfterTheDeadlineWithTheLastFailure() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> retry.call("session webhook", () -> {
            attempts.incrementAndGet();
            throw new Refused(true);
        })).isInstanceOf(Refused.class).hasMessage("HTTP 503");
        assertThat(attempts.get()).isGreaterThan(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onlyFailuresBeforeTheRequestLeftCountAsNeverSent() {
        assertThat(DeliveryRetry.neverSent(new ConnectException("refused"))).isTrue();
        assertThat(DeliveryRetry.neverSent(new SocketTimeoutException("read timed out"))).as("may have been posted").isFalse();
        assertThat(DeliveryRetry.neverSent(new IOException("reset"))).isFalse();
    }

    @Test
    void anInterruptWhileWaitingStopsTheRetries() throws Exception {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retry.call("chat.update", () -> {
                attempts.incrementAndGet();
                throw new Refused(true);
            })).isInstanceOfAny(InterruptedException.class, Refused.class);
            assertThat(attempts.get()).isLessThanOrEqualTo(2);
        } finally {
            Thread.interrupted();
        }
    }
}
