package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.cli.FakeChatServices.Fault;

/**
 * An incident on the platforms' side: for a few seconds Slack's Web API and DingTalk's session
 * webhooks answer 500, rate-limit (Slack 429 + Retry-After, DingTalk errcode 130101) or crawl. A real
 * {@code serve} keeps acknowledging at once, and once the APIs recover every question asked during
 * the incident gets its answer, exactly once.
 */
class WebApiFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(4);
    private static final int EVENTS_PER_PLATFORM = 3;

    @ParameterizedTest
    @EnumSource(Fault.class)
    void repliesAskedDuringAnIncidentArriveAfterItOnceEach(Fault fault) throws Exception {
        try (FakeChatServices fake = new FakeChatServices();
             CoachServer server = Serve.start(Serve.tempData("fault"), Serve.env(fake, Map.of()))) {
            int port = server.port();
            fake.outage(fault, OUTAGE);

            List<String> keys = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_PLATFORM; i++) {
                String channel = "CF" + fault.ordinal() + i;
                keys.add(channel);
                assertAcknowledged(Serve.slackRequest(port, Serve.slackMention(channel, "UF" + i, "价格战怎么打？")
                        .getBytes(StandardCharsets.UTF_8)));
                String group = "cidFault" + fault.ordinal() + i;
                keys.add(group);
                assertAcknowledged(Serve.dingTalkRequest(port, Serve.dingTalkMessage(fake, group, "uf" + i, "How do we control market risk?")
                        .getBytes(StandardCharsets.UTF_8)));
            }

            for (String key : keys) {
                FakeChatServices.Call reply = fake.next(key, Duration.ofSeconds(60));
                assertThat(reply).as("reply to " + key + " after the " + fault + " incident").isNotNull();
                assertThat(reply.body()).as("an answer, not an apology").doesNotContain("went wrong");
            }
            Thread.sleep(1_500);
            for (String key : keys) {
                assertThat(fake.next(key, Duration.ZERO)).as("second reply to " + key).isNull();
            }
            assertThat(fake.replies()).as("replies recorded").isEqualTo(keys.size());
            if (fault != Fault.SLOW) {
                assertThat(fake.refused()).as("calls refused during the incident").isGreaterThanOrEqualTo(keys.size());
            }
        }
    }

    /**
     * The acknowledgement does not wait for the platform's API: it comes back 200 even while the API
     * fails or takes seconds per call.
     */
    private static void assertAcknowledged(HttpRequest request) {
        long start = System.nanoTime();
        HttpResponse<String> response = Serve.send(request);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(response.statusCode()).as("acknowledgement").isEqualTo(200);
        assertThat(ms).as("acknowledgement waits for no API call (one slow call alone takes %d ms)", FakeChatServices.SLOW_CALL.toMillis())
                .isLessThan(FakeChatServices.SLOW_CALL.toMillis());
    }
}
