package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import startupcoach.coach.Metrics;

class MeteredDigestSinkTest {

    private final List<String> posts = new ArrayList<>();
    private final Metrics metrics = new Metrics() {
        @Override
        public void digestPost(String platform, String outcome) {
            posts.add(platform + ":" + outcome);
        }
    };
    private final DigestTarget target = new DigestTarget(1, "slack", "C1", null);
    private final Digest digest = new Digest("Digest", "intro", List.of(), List.of(), Instant.parse("2025-01-06T09:00:00Z"));

    @Test
    void countsPostedAndFailedPostsAndPassesFailuresOnUnchanged() throws Exception {
        new MeteredDigestSink("slack", (t, d) -> { }, metrics).deliver(target, digest);
        DigestDeliveryException refused = new DigestDeliveryException("channel_not_found", false);
        assertThatThrownBy(() -> new MeteredDigestSink("slack", (t, d) -> {
            throw refused;
        }, metrics).deliver(target, digest)).isSameAs(refused);
        assertThatThrownBy(() -> new MeteredDigestSink("dingtalk", (t, d) -> {
            throw new IllegalStateException("bug");
        }, metrics).deliver(target, digest)).isInstanceOf(IllegalStateException.class);

        assertThat(posts).containsExactly("slack:posted", "slack:failed", "dingtalk:failed");
    }
}
