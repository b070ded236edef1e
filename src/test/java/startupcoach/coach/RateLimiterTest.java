package startupcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void aUserMaySendABurstThenOneMessagePerIntervalAndOthersAreUnaffected() {
        RateLimiter limits = new RateLimiter(3, 0, clock);
        IncomingMessage alice = new IncomingMessage("slack", "C1", "alice", "q");

        assertThat(limits.refuse(alice)).isNull();
        assertThat(limits.refuse(alice)).isNull();
        assertThat(limits.refuse(alice)).isNull();
        assertThat(limits.refuse(alice)).isEqualTo("user");
        assertThat(limits.refuse(new IncomingMessage("slack", "C1", "bob", "q"))).isNull();
        assertThat(limits.refuse(new IncomingMessage("dingtalk", "C1", "alice", "q"))).as("per platform").isNull();

        clock.advance(Duration.ofSeconds(19));
        assertThat(limits.refuse(alice)).isEqualTo("user");
        clock.advance(Duration.ofSeconds(1)); // 3 a minute: one token every 20 s
        assertThat(limits.refuse(alice)).isNull();
        assertThat(limits.refuse(alice)).isEqualTo("user");
    }

    @Test
    void aChannelIsLimitedAcrossItsUsers() {
        RateLimiter limits = new RateLimiter(0, 2, clock);

        assertThat(limits.refuse(new IncomingMessage("slack", "C1", "u1", "q"))).isNull();
        assertThat(limits.refuse(new IncomingMessage("slack", "C1", "u2", "q"))).isNull();
        assertThat(limits.refuse(new IncomingMessage("slack", "C1", "u3", "q"))).isEqualTo("channel");
        assertThat(limits.refuse(new IncomingMessage("slack", "C2", "u3", "q"))).isNull();
    }

    @Test
    void zeroTurnsALimitOffAndNegativeIsRefused() {
        RateLimiter off = new RateLimiter(0, 0, clock);
        for (int i = 0; i < 1_000; i++) {
            assertThat(off.refuse(new IncomingMessage("slack", "C1", "u1", "q"))).isNull();
        }
        assertThatThrownBy(() -> new RateLimiter(-1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCoachAnswersALimitedMessageWithTheBilingualNoteAndCountsIt() {
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        Metrics metrics = new Metrics() {
            @Override
            public void request(String platform, String outcome, Duration latency) {
                outcomes.add(platform + ":" + outcome);
            }
        };
        Coach coach = new Coach((m, q) -> Reply.of(ReplyKind.ANSWER, "answer to " + q), new RateLimiter(1, 0, clock), metrics);
        IncomingMessage m = new IncomingMessage("dingtalk", "G1", "u1", "价格战怎么打？");

        assertThat(coach.handle(m).kind()).isEqualTo(ReplyKind.ANSWER);
        Reply limited = coach.handle(m);

        assertThat(limited.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(limited.text()).isEqualTo(Coach.SLOW_DOWN).contains("give me a few seconds").contains("请稍等几秒再问");
        assertThat(outcomes).containsExactly("dingtalk:answer", "dingtalk:rate_limited");
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
