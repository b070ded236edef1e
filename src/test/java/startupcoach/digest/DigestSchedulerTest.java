package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.config.DatabaseSettings;
import startupcoach.knowledge.Passage;
import startupcoach.store.JdbcQuestionLog;
import startupcoach.store.Storage;
import startupcoach.store.TestClock;
import startupcoach.store.TestDatabases;

/** The scheduler on each database, driven tick by tick with a hand-moved clock. */
class DigestSchedulerTest {

    private static final Instant MONDAY_8 = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant MONDAY_9 = Instant.parse("2025-03-03T09:00:00Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @TempDir
    static Path shared;
    private static Knowledge knowledge;
    @TempDir
    Path tmp;
    private DatabaseSettings settings;
    private Storage storage;
    private final TestClock clock = new TestClock(MONDAY_8);
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void loadKnowledge() {
        knowledge = Knowledge.small(shared);
    }

    @AfterAll
    static void closeKnowledge() throws Exception {
        knowledge.close();
    }

    /** A fresh database of this kind; the same settings reach it again after a "restart". */
    private void open(TestDatabases.Kind kind) {
        settings = TestDatabases.settings(kind, tmp);
        storage = Storage.open(settings);
    }

    @AfterEach
    void closeStore() {
        if (storage != null) {
            storage.close();
        }
    }

    private DigestScheduler.Builder scheduler(String id, Storage on, Map<String, DigestSink> sinks) {
        return DigestScheduler.builder(on.digests(), knowledge.composer(), sinks).clock(clock).instanceId(id);
    }

    private DigestScheduler scheduler(String id, DigestSink s) {
        return scheduler(id, storage, Map.of("slack", s)).build();
    }

    private Subscription dailyAtNine(String conversation, List<DigestTopic> topics) {
        return storage.digests().subscriptions().add("slack", conversation, Schedule.daily(LocalTime.of(9, 0)), UTC, topics, "U1",
                clock.instant());
    }

    private List<SlotClaim> claims(Subscription s) {
        return storage.digests().slots().claims(s.id());
    }

    private void tickAt(DigestScheduler scheduler, String instant) {
        clock.set(Instant.parse(instant));
        scheduler.tick();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void postsEachSlotOnceWhenItFallsDueAndNotBefore(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of(DigestTopic.RISK));
        DigestScheduler a = scheduler("a", sink);
        tickAt(a, "2025-03-03T08:59:30Z");
        assertThat(sink.deliveries()).isEmpty();
        tickAt(a, "2025-03-03T09:00:10Z");
        tickAt(a, "2025-03-03T09:00:40Z");
        tickAt(a, "2025-03-04T09:00:05Z");
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), MONDAY_9),
                new RecordingSink.Slot(s.id(), Instant.parse("2025-03-04T09:00:00Z")));
        DigestTarget target = sink.deliveries().get(0).target();
        assertThat(target).isEqualTo(new DigestTarget(s.id(), "slack", "C1", null));
        assertThat(sink.deliveries().get(0).digest().items()).hasSize(DigestComposer.ITEMS);
        assertThat(claims(s)).extracting(SlotClaim::status).containsExactly(SlotStatus.POSTED, SlotStatus.POSTED);
        assertThat(claims(s).get(0).postedAt()).isEqualTo(Instant.parse("2025-03-03T09:00:10Z"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSlotMissedByLessThanTheGraceIsPostedLateOnce(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        DigestScheduler a = scheduler("a", sink);
        tickAt(a, "2025-03-03T09:59:00Z");
        tickAt(a, "2025-03-03T10:05:00Z");
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), MONDAY_9));
        assertThat(claims(s).get(0).postedAt()).isEqualTo(Instant.parse("2025-03-03T09:59:00Z"));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void slotsMissedByMoreThanTheGraceAreSkippedLoggedOnceAndLaterSlotsPost(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        DigestScheduler a = scheduler("a", sink);
        try (LogCapture log = new LogCapture(DigestScheduler.class)) {
            tickAt(a, "2025-03-05T12:00:00Z");
            tickAt(a, "2025-03-05T12:30:00Z");
            assertThat(sink.deliveries()).isEmpty();
            assertThat(log.messages("digest.slot.skipped")).containsExactly("digest.slot.skipped subscription=" + s.id()
                    + " slots=3 first=2025-03-03T09:00:00Z last=2025-03-05T09:00:00Z graceMinutes=60");
        }
        assertThat(claims(s)).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(SlotStatus.SKIPPED);
            assertThat(c.slot()).isEqualTo(Instant.parse("2025-03-05T09:00:00Z"));
        });
        tickAt(a, "2025-03-06T09:00:30Z");
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), Instant.parse("2025-03-06T09:00:00Z")));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anOlderMissedSlotIsSkippedWhileTheOneWithinTheGraceIsPostedLate(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        DigestScheduler a = scheduler("a", sink);
        tickAt(a, "2025-03-04T09:30:00Z");
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), Instant.parse("2025-03-04T09:00:00Z")));
        assertThat(claims(s)).extracting(SlotClaim::slot, SlotClaim::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(MONDAY_9, SlotStatus.SKIPPED),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2025-03-04T09:00:00Z"), SlotStatus.POSTED));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void overManyDigestsOfOneTopicNoPassageRepeatsBeforeAllWereSent(TestDatabases.Kind kind) {
        open(kind);
        dailyAtNine("C1", List.of(DigestTopic.RISK));
        DigestScheduler a = scheduler("a", sink);
        for (int day = 0; day < 5; day++) {
            tickAt(a, MONDAY_9.plus(Duration.ofDays(day)).plusSeconds(20).toString());
        }
        List<String> candidates = knowledge.composer().candidates(List.of(DigestTopic.RISK)).stream().map(Passage::id).toList();
        assertThat(candidates).hasSize(4);
        List<String> sent = sink.passageIds();
        assertThat(sent).hasSize(15);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i)).as("send %d", i).isEqualTo(candidates.get(i % candidates.size()));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void theNextDigestShowsWhatTheTeamAskedSinceTheLastOne(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of(DigestTopic.PRICING));
        DigestScheduler a = scheduler("a", sink);
        tickAt(a, "2025-03-03T09:00:10Z");
        JdbcQuestionLog questions = new JdbcQuestionLog(storage.database());
        String section = knowledge.kb().findSection("5 价格战").orElseThrow().id();
        questions.record(new AnsweredQuestion("slack", "C1", "U7", "价格战怎么打？", List.of(section), true,
                Instant.parse("2025-03-03T10:00:00Z")));
        questions.record(new AnsweredQuestion("slack", "C2", "U8", "another channel", List.of(), false,
                Instant.parse("2025-03-03T10:00:00Z")));
        tickAt(a, "2025-03-04T09:00:10Z");
        tickAt(a, "2025-03-05T09:00:10Z");
        List<RecordingSink.Delivery> d = sink.deliveries();
        assertThat(d.get(0).digest().asked()).isEmpty();
        assertThat(d.get(1).digest().asked()).containsExactly(new Digest.TeamQuestion("价格战怎么打？",
                List.of("《创业手册》 › 5 价格战"), true));
        assertThat(d.get(2).digest().asked()).as("already shown").isEmpty();
        assertThat(s.id()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRetryableFailureIsRecordedAndRetriedWithBackOffUntilPosted(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        AtomicInteger calls = new AtomicInteger();
        DigestSink flaky = (target, digest) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new DigestDeliveryException("HTTP 503 from the platform", true);
            }
            sink.deliver(target, digest);
        };
        DigestScheduler a = scheduler("a", flaky);
        tickAt(a, "2025-03-03T09:00:05Z");
        assertThat(claims(s).get(0)).satisfies(c -> {
            assertThat(c.status()).isEqualTo(SlotStatus.FAILED);
            assertThat(c.lastError()).isEqualTo("HTTP 503 from the platform");
            assertThat(c.nextAttemptAt()).isEqualTo(Instant.parse("2025-03-03T09:01:05Z"));
        });
        tickAt(a, "2025-03-03T09:00:35Z");
        assertThat(calls).hasValue(1);
        tickAt(a, "2025-03-03T09:01:10Z");
        assertThat(claims(s).get(0).nextAttemptAt()).as("backs off: 2 min").isEqualTo(Instant.parse("2025-03-03T09:03:10Z"));
        tickAt(a, "2025-03-03T09:03:15Z");
        tickAt(a, "2025-03-03T09:10:00Z");
        assertThat(calls).hasValue(3);
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), MONDAY_9));
        assertThat(claims(s).get(0)).extracting(SlotClaim::status, SlotClaim::attempts).containsExactly(SlotStatus.POSTED, 3);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void retriesStopAfterTheLastAttempt(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        AtomicInteger calls = new AtomicInteger();
        DigestScheduler a = scheduler("a", storage, Map.of("slack", (target, digest) -> {
            calls.incrementAndGet();
            throw new DigestDeliveryException("connection refused", true);
        })).maxAttempts(3).build();
        for (int minute = 0; minute < 30; minute++) {
            tickAt(a, MONDAY_9.plusSeconds(60L * minute + 5).toString());
        }
        assertThat(calls).hasValue(3);
        assertThat(claims(s).get(0)).extracting(SlotClaim::status, SlotClaim::attempts, SlotClaim::lastError)
                .containsExactly(SlotStatus.GAVE_UP, 3, "connection refused");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailureThatIsNotRetryableOrUnexpectedIsNotRetried(TestDatabases.Kind kind) {
        open(kind);
        Subscription gone = dailyAtNine("C1", List.of());
        Subscription buggy = dailyAtNine("C2", List.of());
        AtomicInteger calls = new AtomicInteger();
        DigestSink sinkWithProblems = (target, digest) -> {
            calls.incrementAndGet();
            if (target.conversationId().equals("C1")) {
                throw new DigestDeliveryException("channel_not_found", false);
            }
            throw new IllegalStateException("read timed out after the request was sent");
        };
        DigestScheduler a = scheduler("a", sinkWithProblems);
        for (int minute = 0; minute < 10; minute++) {
            tickAt(a, MONDAY_9.plusSeconds(60L * minute + 5).toString());
        }
        assertThat(calls).hasValue(2);
        assertThat(claims(gone).get(0)).extracting(SlotClaim::status, SlotClaim::lastError)
                .containsExactly(SlotStatus.GAVE_UP, "channel_not_found");
        assertThat(claims(buggy).get(0).status()).isEqualTo(SlotStatus.GAVE_UP);
        assertThat(claims(buggy).get(0).lastError()).startsWith("sink failed, outcome unknown");
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void retriesEndWithTheGracePeriod(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        AtomicInteger calls = new AtomicInteger();
        DigestScheduler a = scheduler("a", storage, Map.of("slack", (target, digest) -> {
            calls.incrementAndGet();
            throw new DigestDeliveryException("HTTP 429", true);
        })).retryBackoff(Duration.ofMinutes(40)).maxAttempts(5).build();
        tickAt(a, "2025-03-03T09:00:05Z");
        tickAt(a, "2025-03-03T09:40:05Z");
        tickAt(a, "2025-03-03T11:00:05Z");
        assertThat(calls).hasValue(2);
        assertThat(claims(s).get(0)).extracting(SlotClaim::status, SlotClaim::lastError).containsExactly(SlotStatus.GAVE_UP, "grace period over");
    }

    /** Stands for the process dying: not an exception the scheduler handles. */
    static final class SimulatedCrash extends Error {
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aCrashBetweenClaimAndPostNeverPostsThatSlotAgainButLaterSlotsPost(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        DigestScheduler crashing = scheduler("a", (target, digest) -> {
            throw new SimulatedCrash();
        });
        clock.set(Instant.parse("2025-03-03T09:00:05Z"));
        assertThatThrownBy(crashing::tick).isInstanceOf(SimulatedCrash.class);
        assertThat(claims(s)).singleElement().extracting(SlotClaim::status, SlotClaim::claimedBy).containsExactly(SlotStatus.CLAIMED, "a");

        // The process is gone; a new one opens the same file.
        storage.close();
        storage = Storage.open(settings);
        assertThat(storage.digests().subscriptions().active()).containsExactly(s);
        DigestScheduler restarted = scheduler("b", sink);
        try (LogCapture log = new LogCapture(DigestScheduler.class)) {
            tickAt(restarted, "2025-03-03T09:01:00Z");
            tickAt(restarted, "2025-03-03T09:11:00Z");
            tickAt(restarted, "2025-03-03T09:20:00Z");
            assertThat(log.messages("digest.slot.lost")).singleElement().asString()
                    .contains("subscription=" + s.id(), "slot=2025-03-03T09:00:00Z", "claimedBy=a", "not posted again");
        }
        tickAt(restarted, "2025-03-04T09:00:05Z");
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), Instant.parse("2025-03-04T09:00:00Z")));
        assertThat(claims(s)).extracting(SlotClaim::status).containsExactly(SlotStatus.LOST, SlotStatus.POSTED);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aPlatformWithoutASinkWaitsUnclaimedAndIsPostedOnceItHasOne(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = storage.digests().subscriptions().add("dingtalk", "G1", Schedule.daily(LocalTime.of(9, 0)), UTC, List.of(),
                "U1", clock.instant());
        RobotWebhook robot = new RobotWebhook("https://oapi.dingtalk.com/robot/send?access_token=t", "SECx");
        storage.digests().subscriptions().saveWebhook("dingtalk", "G1", robot, "U1", clock.instant());
        DigestScheduler slackOnly = scheduler("a", sink);
        try (LogCapture log = new LogCapture(DigestScheduler.class)) {
            tickAt(slackOnly, "2025-03-03T09:00:05Z");
            tickAt(slackOnly, "2025-03-03T09:00:35Z");
            assertThat(log.messages("digest.sink_missing")).hasSize(1);
        }
        assertThat(claims(s)).isEmpty();
        DigestScheduler both = scheduler("b", storage, Map.of("slack", sink, "dingtalk", sink)).build();
        tickAt(both, "2025-03-03T09:30:00Z");
        assertThat(sink.deliveries()).singleElement().extracting(RecordingSink.Delivery::target)
                .isEqualTo(new DigestTarget(s.id(), "dingtalk", "G1", robot));
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStoppedSubscriptionPostsNothingMore(TestDatabases.Kind kind) {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        DigestScheduler a = scheduler("a", sink);
        tickAt(a, "2025-03-03T09:00:05Z");
        storage.digests().subscriptions().stop(s.id(), "slack", "C1", clock.instant());
        tickAt(a, "2025-03-04T09:00:05Z");
        assertThat(sink.deliveries()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void startedTheSchedulerTicksOnItsOwnThreadUntilClosed(TestDatabases.Kind kind) throws Exception {
        open(kind);
        Subscription s = dailyAtNine("C1", List.of());
        clock.set(Instant.parse("2025-03-03T09:00:05Z"));
        DigestScheduler a = scheduler("a", storage, Map.of("slack", sink)).tickInterval(Duration.ofMillis(20)).build();
        a.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (sink.deliveries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            a.close();
        }
        assertThat(sink.slots()).containsExactly(new RecordingSink.Slot(s.id(), MONDAY_9));
    }
}
