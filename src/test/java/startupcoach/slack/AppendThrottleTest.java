package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The append throttle on a clock the test moves: no sleeps. */
class AppendThrottleTest {

    /** A clock that stands still until told to move. */
    private static final class Hand extends Clock {
        private Instant now = Instant.parse("2026-12-04T21:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final Hand clock = new Hand();
    private final AppendThrottle throttle = new AppendThrottle(clock, Duration.ofSeconds(1), 100);

    @Test
    void textWaitsUntilTheIntervalSinceTheLastCallHasPassed() {
        throttle.sent();
        assertThat(throttle.due(10)).isFalse();
        assertThat(throttle.untilDue()).isEqualTo(Duration.ofSeconds(1));

        clock.move(Duration.ofMillis(600));
        assertThat(throttle.due(10)).isFalse();
        assertThat(throttle.untilDue()).isEqualTo(Duration.ofMillis(400));

        clock.move(Duration.ofMillis(400));
        assertThat(throttle.due(10)).isTrue();
        assertThat(throttle.untilDue()).isZero();
    }

    @Test
    void aLongBurstGoesOutBeforeTheInterval() {
        throttle.sent();
        clock.move(Duration.ofMillis(100));

        assertThat(throttle.due(99)).isFalse();
        assertThat(throttle.due(100)).isTrue();
    }

    @Test
    void nothingWaitingIsNeverDue() {
        assertThat(throttle.due(0)).isFalse();
        clock.move(Duration.ofMinutes(1));
        assertThat(throttle.due(0)).isFalse();
    }

    @Test
    void eachCallStartsANewInterval() {
        throttle.sent();
        clock.move(Duration.ofSeconds(2));
        assertThat(throttle.due(1)).isTrue();

        throttle.sent();
        assertThat(throttle.due(1)).isFalse();
        clock.move(Duration.ofSeconds(1));
        assertThat(throttle.due(1)).isTrue();
    }

    @Test
    void beforeAnyCallTextIsDue() {
        assertThat(throttle.untilDue()).isZero();
        assertThat(throttle.due(1)).isTrue();
    }
}
