package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import startupcoach.config.DatabaseSettings;
import startupcoach.store.TestDatabases;

/**
 * Two {@code serve} replicas on one PostgreSQL behind a load balancer that delivers every event to
 * both (as its retries would): signed Slack {@code app_mention} events and DingTalk callbacks,
 * alternating, each in its own channel or group, every one sent to both replicas at once (the same
 * body, each request with its own signature). Meanwhile both replicas' digest schedulers (ticking
 * every second) race for the slots of one Slack channel subscribed to a digest every minute.
 *
 * <p>Must show: every acknowledgement 200 (a duplicate is acknowledged too), exactly one reply per
 * event, exactly one post per digest slot (and part) that fell due, nothing else. The run is
 * placed so that a minute boundary falls in the middle of the load; the default is 20 s at 20
 * events/s (40 requests/s), with up to ~50 s of waiting for that boundary before the load starts:
 * <pre>
 * ./mvnw -B test -Dtest=ReplicasUnderLoadTest -Dreplicas.rate=50 -Dreplicas.seconds=90
 * </pre>
 */
class ReplicasUnderLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIGEST_CHANNEL = "CREPDIGEST";
    /** Longer than a few scheduler ticks: a second post of a slot, or a late duplicate reply, would show. */
    private static final Duration QUIET = Duration.ofMillis(2500);

    @Test
    void twoReplicasOnOnePostgresReplyOncePerEventAndPostEachDigestSlotOnce() throws Exception {
        int rate = Math.max(1, Integer.getInteger("replicas.rate", 20));
        int seconds = Math.min(900, Math.max(1, Integer.getInteger("replicas.seconds", 20)));
        int events = rate * seconds;
        DatabaseSettings db = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, Serve.tempData("replicas-db"));
        try (FakeChatServices fake = new FakeChatServices()) {
            Map<String, String> env = Serve.env(fake, Map.of(
                    "DATABASE_URL", db.jdbcUrl(),
                    "COACH_DIGEST_TICK_SECONDS", "1",
                    "COACH_DIGEST_MIN_INTERVAL_MINUTES", "1"));
            try (CoachServer a = Serve.start(Serve.tempData("replica-a"), env);
                 CoachServer b = Serve.start(Serve.tempData("replica-b"), env)) {
                int[] ports = {a.port(), b.port()};

                // 1. A digest every minute, subscribed through replica A; not at the very end of a
                //    minute, so the first slot is unambiguously after the subscription.
                sleepUntil(nextMinute(now()).minusMillis(2500).isBefore(now()) ? nextMinute(now()).plusMillis(500) : now());
                Instant subscribedAfter = now();
                String subscribe = Serve.slackMention(DIGEST_CHANNEL, "Uowner", "digest cron \"* * * * *\" topics=risk");
                assertThat(Serve.send(Serve.slackRequest(ports[0], subscribe.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);
                List<FakeChatServices.Call> digestPosts = new ArrayList<>();
                FakeChatServices.Call confirmation = null;
                while (confirmation == null) {
                    FakeChatServices.Call call = fake.next(DIGEST_CHANNEL, Duration.ofSeconds(60));
                    assertThat(call).as("the reply to the digest subscription").isNotNull();
                    if (isDigest(call)) {
                        digestPosts.add(call);
                    } else {
                        confirmation = call;
                    }
                }
                Instant subscribedBy = now();
                assertThat(confirmation.body()).as("subscription reply").contains("Subscribed");

                // 2. Start the load so that the next minute boundary (a digest slot) falls in its middle.
                sleepUntil(nextMinute(now()).minusMillis(seconds * 500L));

                // 3. Every event to both replicas at once.
                String[] questions = {"价格战怎么打？", "How do we control market risk?", "品牌建设有哪些策略？", "融资", "团队管理",
                    "How should we price an AI product?", "商业模式怎么设计", "如何做市场推广"};
                List<String> keys = new ArrayList<>(events);
                PacedLoad load = new PacedLoad(rate, 2 * events, 32);
                try (load) {
                    for (int i = 0; i < events; i++) {
                        String user = "u" + (i % 500);
                        String question = questions[i % questions.length];
                        HttpRequest[] copies = new HttpRequest[2];
                        if (i % 2 == 0) {
                            String channel = "CR" + String.format("%07d", i);
                            keys.add(channel);
                            byte[] body = Serve.slackMention(channel, "U" + user, question).getBytes(StandardCharsets.UTF_8);
                            for (int r = 0; r < 2; r++) {
                                copies[r] = Serve.slackRequest(ports[r], body);
                            }
                        } else {
                            String group = "cidReplicas" + i;
                            keys.add(group);
                            byte[] body = Serve.dingTalkMessage(fake, group, user, question).getBytes(StandardCharsets.UTF_8);
                            for (int r = 0; r < 2; r++) {
                                copies[r] = Serve.dingTalkRequest(ports[r], body);
                            }
                        }
                        load.send(i, 2 * i, copies);
                    }
                    load.awaitAll();
                }
                long errors = load.errors();

                // 4. One reply per event.
                for (String key : keys) {
                    assertThat(fake.next(key, Duration.ofSeconds(60))).as("reply to " + key).isNotNull();
                }

                // 5. Digest slots: settle on a moment at least 4 s after the last minute boundary (so
                //    its slot has been posted) and at least 10 s before the next (so no new slot is
                //    posted while counting); expected are the slots after the subscription up to it.
                Instant settledAt;
                while (true) {
                    Instant t = now();
                    Instant minute = t.truncatedTo(ChronoUnit.MINUTES);
                    if (!minute.isAfter(subscribedBy) || t.isBefore(minute.plusSeconds(4)) || t.isAfter(minute.plusSeconds(50))) {
                        Instant target = minute.isAfter(subscribedBy) && t.isBefore(minute.plusSeconds(4)) ? minute : nextMinute(t);
                        sleepUntil(target.plusSeconds(4));
                        continue;
                    }
                    settledAt = minute;
                    break;
                }
                Instant lastSlot = settledAt;
                TreeSet<Instant> expectedSlots = new TreeSet<>();
                for (Instant m = nextMinute(subscribedAfter); !m.isAfter(lastSlot); m = m.plus(1, ChronoUnit.MINUTES)) {
                    if (m.isAfter(subscribedBy)) {
                        expectedSlots.add(m);
                    }
                }
                Thread.sleep(QUIET.toMillis());
                for (FakeChatServices.Call call; (call = fake.next(DIGEST_CHANNEL, Duration.ZERO)) != null; ) {
                    assertThat(isDigest(call)).as("only digests in the digest channel after the subscription: %s", call).isTrue();
                    digestPosts.add(call);
                }
                Map<String, Integer> postsPerSlotPart = new TreeMap<>();
                Map<Instant, Integer> partsPerSlot = new TreeMap<>();
                for (FakeChatServices.Call post : digestPosts) {
                    JsonNode payload = metadata(post);
                    postsPerSlotPart.merge(payload.path("slot").asText() + " part " + payload.path("part").asInt(), 1, Integer::sum);
                    partsPerSlot.put(Instant.parse(payload.path("slot").asText()), payload.path("parts").asInt());
                }
                int duplicates = 0;
                for (String key : keys) {
                    if (fake.next(key, Duration.ZERO) != null) {
                        duplicates++;
                    }
                }
                int replies = fake.replies();
                String metrics = a.metricsText() + "\n" + b.metricsText();
                long dedupeHits = Math.round(sum(metrics, "coach_dedupe_hits_total"));

                long[] ms = load.sortedLatencies(0, 2 * events);
                System.out.printf("replicas=2 (one PostgreSQL) rate=%d events/s seconds=%d events=%d requests=%d errors=%d replies=%d"
                                + " duplicates=%d dedupeHits=%d digestSlots=%d digestPosts=%d ack p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                        rate, seconds, events, 2 * events, errors, replies, duplicates, dedupeHits, partsPerSlot.size(), digestPosts.size(),
                        PacedLoad.percentileMs(ms, 0.50), PacedLoad.percentileMs(ms, 0.99), ms[ms.length - 1] / 1e6);

                assertThat(errors).as("non-200 acknowledgements").isZero();
                assertThat(duplicates).as("events answered twice").isZero();
                assertThat(dedupeHits).as("second copies recognised as duplicates, over both replicas").isEqualTo(events);
                assertThat(expectedSlots).as("a minute boundary fell within the run").isNotEmpty();
                assertThat(postsPerSlotPart.values()).as("posts per digest slot and part %s", postsPerSlotPart).containsOnly(1);
                // A slot between sending the subscription and its confirmation may or may not be due.
                assertThat(partsPerSlot.keySet()).as("digest slots posted").containsAll(expectedSlots)
                        .allMatch(slot -> slot.isAfter(subscribedAfter) && !slot.isAfter(lastSlot), "after the subscription, up to " + lastSlot);
                assertThat(digestPosts).as("every part of every slot")
                        .hasSize(partsPerSlot.values().stream().mapToInt(Integer::intValue).sum());
                assertThat(replies).as("replies: one per event, the subscription's and the digest posts")
                        .isEqualTo(events + 1 + digestPosts.size());
            }
        }
    }

    private static boolean isDigest(FakeChatServices.Call call) {
        return call.method().startsWith("chat.postMessage") && call.form().containsKey("metadata")
                && call.form().get("metadata").contains("coach_digest");
    }

    private static JsonNode metadata(FakeChatServices.Call post) throws Exception {
        JsonNode metadata = JSON.readTree(post.form().get("metadata"));
        assertThat(metadata.path("event_type").asText()).isEqualTo("coach_digest");
        return metadata.path("event_payload");
    }

    private static double sum(String scrape, String name) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static Instant now() {
        return Instant.now();
    }

    private static Instant nextMinute(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    }

    private static void sleepUntil(Instant t) throws InterruptedException {
        long ms = Duration.between(now(), t).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }
}
