package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import startupcoach.dingtalk.CallbackSignature.Verdict;

class CallbackSignatureTest {

    private static final long NOW = 1_700_000_000_000L;
    private final CallbackSignature signature = new CallbackSignature("app-secret",
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void signsLikeDingTalk() {
        assertThat(signature.sign(Long.toString(NOW))).isEqualTo(Signed.sign("app-secret", NOW));
    }

    @Test
    void acceptsTimestampsUpToAnHourEitherWay() {
        long hour = 3_600_000L;
        assertThat(signature.verify(Long.toString(NOW - hour), Signed.sign("app-secret", NOW - hour))).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(Long.toString(NOW + hour), Signed.sign("app-secret", NOW + hour))).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(Long.toString(NOW - hour - 1), Signed.sign("app-secret", NOW - hour - 1)))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void rejectsBlankHeaders() {
        assertThat(signature.verify("", "x")).isEqualTo(Verdict.MISSING);
        assertThat(signature.verify(Long.toString(NOW), " ")).isEqualTo(Verdict.MISSING);
    }
}
