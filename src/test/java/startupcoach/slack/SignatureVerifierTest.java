package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import startupcoach.server.HttpRequest;

class SignatureVerifierTest {

    /** The worked example from Slack's "Verifying requests from Slack" page. */
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final long TS = 1531420618;
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SignatureVerifier at(long epochSecond) {
        return new SignatureVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static HttpRequest request(String timestamp, String signature, String body) {
        Map<String, List<String>> headers = timestamp == null ? Map.of()
                : Map.of("X-Slack-Request-Timestamp", List.of(timestamp), "X-Slack-Signature", List.of(signature));
        return new HttpRequest("POST", "/slack/events", "", headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsSlacksOwnWorkedExample() {
        assertThat(at(TS + 10).verify(request(Long.toString(TS), SIGNATURE, BODY))).isEqualTo(SignatureVerifier.Verdict.VALID);
    }

    @Test
    void acceptsUpToFiveMinutesOfSkewEitherWayAndNoMore() {
        HttpRequest r = request(Long.toString(TS), SIGNATURE, BODY);
        assertThat(at(TS + 300).verify(r)).isEqualTo(SignatureVerifier.Verdict.VALID);
        assertThat(at(TS - 300).verify(r)).isEqualTo(SignatureVerifier.Verdict.VALID);
        assertThat(at(TS + 301).verify(r)).isEqualTo(SignatureVerifier.Verdict.STALE);
        assertThat(at(TS - 301).verify(r)).isEqualTo(SignatureVerifier.Verdict.FUTURE);
    }

    @Test
    void rejectsAlteredBodiesBadSignaturesAndBadHeaders() {
        SignatureVerifier v = at(TS);
        assertThat(v.verify(request(Long.toString(TS), SIGNATURE, BODY + "&x=1"))).isEqualTo(SignatureVerifier.Verdict.MISMATCH);
        assertThat(v.verify(request(Long.toString(TS), SIGNATURE.toUpperCase(), BODY))).isEqualTo(SignatureVerifier.Verdict.MISMATCH);
        assertThat(v.verify(request(Long.toString(TS), "v0=", BODY))).isEqualTo(SignatureVerifier.Verdict.MISMATCH);
        assertThat(v.verify(request("yesterday", SIGNATURE, BODY))).isEqualTo(SignatureVerifier.Verdict.BAD_TIMESTAMP);
        assertThat(v.verify(request(null, null, BODY))).isEqualTo(SignatureVerifier.Verdict.MISSING_HEADERS);
    }
}
