package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-05T09:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final DingTalkMock dingtalk = new DingTalkMock();
    private final DingTalkHttp http = new DingTalkHttp(new ObjectMapper());
    private final MovableClock clock = new MovableClock();
    private final AccessTokens tokens = new AccessTokens(http, dingtalk.apiUrl(), "appkey", "secret", clock);

    @AfterEach
    void close() throws Exception {
        http.close();
        dingtalk.close();
    }

    @Test
    void tokenIsCachedUntilShortlyBeforeItExpires() throws Exception {
        assertThat(tokens.get()).isEqualTo(DingTalkMock.TOKEN);
        clock.now = clock.now.plus(Duration.ofMinutes(114));
        assertThat(tokens.get()).isEqualTo(DingTalkMock.TOKEN);
        assertThat(dingtalk.tokenRequests()).isEqualTo(1);

        clock.now = clock.now.plus(Duration.ofMinutes(2)); // 116 min: inside the 5-minute renewal margin of 120
        tokens.get();
        assertThat(dingtalk.tokenRequests()).isEqualTo(2);
    }

    @Test
    void invalidatedTokenIsFetchedAgain() throws Exception {
        tokens.get();
        tokens.invalidate();
        tokens.get();

        assertThat(dingtalk.tokenRequests()).isEqualTo(2);
    }
}
