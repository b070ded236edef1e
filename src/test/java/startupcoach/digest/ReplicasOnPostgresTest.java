package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.config.DatabaseSettings;
import startupcoach.store.Storage;
import startupcoach.store.TestClock;
import startupcoach.store.TestDatabases;

/**
 * Two replicas, each with its own connection pool and its own clock (a few seconds apart), on one
 * real PostgreSQL, ticking at the same moments on two threads through a simulated week.
 */
class ReplicasOnPostgresTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Duration STEP = Duration.ofMinutes(10);

    @TempDir
    static Path shared;
    private static Knowledge knowledge;

    @BeforeAll
    static void loadKnowledge() {
        knowledge = Knowledge.small(shared);
    }

    @AfterAll
    static void closeKnowledge() throws Exception {
        knowledge.close();
    }

    /** Subscriptions made at the start of the week and every slot they should post, by hand. */
    private static List<RecordingSink.Slot> subscribeAll(Storage storage) {
        SubscriptionStore subs = storage.digests().subscriptions();
        Subscription daily = subs.add("slack", "C-daily", Schedule.daily(LocalTime.of(9, 0)), ZoneId.of("Asia/Shanghai"),
                List.of(DigestTopic.RISK), "U1", Week.START);
        Subscription weekly = subs.add("slack", "C-weekly", Schedule.weekly(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0)), UTC,
                List.of(DigestTopic.PRICING), "U1", Week.START);
        Subscription weekdays = subs.add("dingtalk", "G-cron", Schedule.cron("0 9 * * 1-5"), ZoneId.of("Europe/Berlin"), List.of(),
                "U2", Week.START);
        Subscription sixHourly = subs.add("slack", "C-6h", Schedule.cron("0 */6 * * *"), UTC, List.of(DigestTopic.TEAM), "U3",
                Week.START);
        List<RecordingSink.Slot> expected = new ArrayList<>();
        Week.at(LocalTime.of(9, 0), ZoneId.of("Asia/Shanghai"), EnumSet.allOf(DayOfWeek.class))
                .forEach(t -> expected.add(new RecordingSink.Slot(daily.id(), t)));
        Week.at(LocalTime.of(9, 0), UTC, EnumSet.of(DayOfWeek.MONDAY)).forEach(t -> expected.add(new RecordingSink.Slot(weekly.id(), t)));
        Week.at(LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
                .forEach(t -> expected.add(new RecordingSink.Slot(weekdays.id(), t)));
        // Created at 00:00 exactly: that slot is not after the subscription, so it is not due.
        Week.every(Duration.ofHours(6), Week.START.plus(Duration.ofHours(6)))
                .forEach(t -> expected.add(new RecordingSink.Slot(sixHourly.id(), t)));
        assertThat(expected).hasSize(7 + 1 + 5 + 27);
        return expected;
    }

    /**
     * Runs both replicas through the week; replica b's clock runs 7 s ahead of a's. Both tick at
     * once on two threads, started in a (seeded) random order, so each wins some of the races.
     */
    private static void runWeek(DigestScheduler a, TestClock clockA, DigestScheduler b, TestClock clockB) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        java.util.Random order = new java.util.Random(7);
        try {
            for (Instant t = Week.START; !t.isAfter(Week.END); t = t.plus(STEP)) {
                clockA.set(t);
                clockB.set(t.plusSeconds(7));
                boolean aFirst = order.nextBoolean();
                Future<?> f1 = threads.submit(aFirst ? a::tick : b::tick);
                Future<?> f2 = threads.submit(aFirst ? b::tick : a::tick);
                f1.get();
                f2.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoSchedulersOnOnePostgresPostEverySlotOfAWeekExactlyOnce() throws Exception {
        DatabaseSettings settings = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, shared);
        RecordingSink sink = new RecordingSink();
        TestClock clockA = new TestClock(Week.START);
        TestClock clockB = new TestClock(Week.START);
        try (Storage replicaA = Storage.open(settings); Storage replicaB = Storage.open(settings)) {
            List<RecordingSink.Slot> expected = subscribeAll(replicaA);
            Map<String, DigestSink> sinks = Map.of("slack", sink, "dingtalk", sink);
            DigestScheduler a = DigestScheduler.builder(replicaA.digests(), knowledge.composer(), sinks).clock(clockA).instanceId("a").build();
            DigestScheduler b = DigestScheduler.builder(replicaB.digests(), knowledge.composer(), sinks).clock(clockB).instanceId("b").build();

            runWeek(a, clockA, b, clockB);

            assertThat(sink.slots()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            Set<String> posters = new HashSet<>();
            for (RecordingSink.Slot slot : expected) {
                SlotClaim claim = replicaA.digests().slots().claims(slot.subscriptionId()).stream()
                        .filter(c -> c.slot().equals(slot.at())).findFirst().orElseThrow();
                assertThat(claim.status()).isEqualTo(SlotStatus.POSTED);
                // On time: within one tick (plus b's 7 s) of the slot.
                assertThat(Duration.between(slot.at(), claim.postedAt())).isBetween(Duration.ZERO, STEP.plusSeconds(7));
                posters.add(claim.claimedBy());
            }
            assertThat(posters).as("both replicas won some slots").containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void twoSchedulersPostingOverHttpSendOneRequestPerSlotAndRetryAServerError() throws Exception {
        DatabaseSettings settings = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, shared);
        try (MockWebServer server = new MockWebServer()) {
            // The platform fails its very first request with 503, then accepts everything.
            server.setDispatcher(new Dispatcher() {
                private int seen;

                @Override
                public synchronized MockResponse dispatch(RecordedRequest request) {
                    return ++seen == 1 ? new MockResponse().setResponseCode(503) : new MockResponse().setBody("{\"ok\":true}");
                }
            });
            server.start();
            HttpSink http = new HttpSink(new OkHttpClient(), server.url("/post").toString());
            TestClock clockA = new TestClock(Week.START);
            TestClock clockB = new TestClock(Week.START);
            try (Storage replicaA = Storage.open(settings); Storage replicaB = Storage.open(settings)) {
                List<RecordingSink.Slot> expected = subscribeAll(replicaA);
                Map<String, DigestSink> sinks = Map.of("slack", http, "dingtalk", http);
                DigestScheduler a = DigestScheduler.builder(replicaA.digests(), knowledge.composer(), sinks).clock(clockA).instanceId("a")
                        .build();
                DigestScheduler b = DigestScheduler.builder(replicaB.digests(), knowledge.composer(), sinks).clock(clockB).instanceId("b")
                        .build();

                runWeek(a, clockA, b, clockB);

                assertThat(server.getRequestCount()).isEqualTo(expected.size() + 1);
                Set<String> bodies = new HashSet<>();
                for (int i = 0; i < server.getRequestCount(); i++) {
                    bodies.add(server.takeRequest().getBody().readUtf8());
                }
                assertThat(bodies).as("one distinct request per slot; the retry repeats the failed one")
                        .hasSize(expected.size());
                assertThat(bodies).containsExactlyInAnyOrderElementsOf(expected.stream().map(HttpSink::body).toList());
            }
        }
    }

    /** Posts each digest as a small JSON document, as a platform sink would; 5xx is a retryable failure. */
    private record HttpSink(OkHttpClient client, String url) implements DigestSink {

        static String body(RecordingSink.Slot slot) {
            return "{\"subscription\":" + slot.subscriptionId() + ",\"slot\":\"" + slot.at() + "\"}";
        }

        @Override
        public void deliver(DigestTarget target, Digest digest) throws DigestDeliveryException {
            String json = body(new RecordingSink.Slot(target.subscriptionId(), digest.slot()));
            Request request = new Request.Builder().url(url).post(RequestBody.create(json, MediaType.get("application/json"))).build();
            try (Response response = client.newCall(request).execute()) {
                if (response.code() >= 500) {
                    throw new DigestDeliveryException("HTTP " + response.code(), true);
                }
                if (!response.isSuccessful()) {
                    throw new DigestDeliveryException("HTTP " + response.code(), false);
                }
            } catch (IOException e) {
                throw new DigestDeliveryException("request failed: " + e.getMessage(), false, e);
            }
        }
    }
}
