package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.coach.Feedback;
import startupcoach.config.DatabaseSettings;
import startupcoach.digest.DigestTopic;
import startupcoach.digest.RobotWebhook;
import startupcoach.digest.Schedule;
import startupcoach.digest.SlotClaim;
import startupcoach.digest.SlotStatus;
import startupcoach.digest.Subscription;

/** The JDBC stores on both databases: what goes in comes out, and every transition is conditional. */
class JdbcStoresTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void subscriptionsRoundTripAndOnlyTheirOwnConversationCanStopThem(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(db);
            Subscription daily = store.add("slack", "C1", Schedule.daily(LocalTime.of(9, 0)), ZoneId.of("Asia/Shanghai"),
                    List.of(DigestTopic.RISK, DigestTopic.PRICING), "U1", T0);
            Subscription cron = store.add("dingtalk", "G1", Schedule.cron("0 9 * * 1-5"), ZoneId.of("UTC"), List.of(), "U2", T0);

            assertThat(store.active()).containsExactly(daily, cron);
            assertThat(store.active("slack", "C1")).containsExactly(daily);
            assertThat(store.find(daily.id())).contains(daily);

            assertThat(store.stop(daily.id(), "dingtalk", "G1", T0)).as("another conversation").isFalse();
            assertThat(store.stop(daily.id(), "slack", "C1", T0)).isTrue();
            assertThat(store.stop(daily.id(), "slack", "C1", T0)).as("already stopped").isFalse();
            assertThat(store.active()).containsExactly(cron);
            assertThat(store.find(daily.id()).orElseThrow().active()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aGroupHasOneWebhookWhichTheLatestCommandReplaces(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcSubscriptionStore store = new JdbcSubscriptionStore(db);
            assertThat(store.webhook("dingtalk", "G1")).isEmpty();
            store.saveWebhook("dingtalk", "G1", new RobotWebhook("https://oapi.dingtalk.com/robot/send?access_token=old", "SECold"), "U1", T0);
            RobotWebhook current = new RobotWebhook("https://oapi.dingtalk.com/robot/send?access_token=new", "SECnew");
            store.saveWebhook("dingtalk", "G1", current, "U2", T0.plusSeconds(60));
            assertThat(store.webhook("dingtalk", "G1")).contains(current);
            assertThat(current.toString()).doesNotContain("SECnew").doesNotContain("access_token");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aSlotIsClaimedOnceAndItsLifecycleIsGuardedByState(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            long id = new JdbcSubscriptionStore(db).add("slack", "C1", Schedule.daily(LocalTime.of(9, 0)), ZoneId.of("UTC"),
                    List.of(), "U1", T0).id();
            JdbcSlotLedger ledger = new JdbcSlotLedger(db);
            Instant slot = Instant.parse("2025-03-04T09:00:00Z");

            assertThat(ledger.claim(id, slot, "a", slot)).isTrue();
            assertThat(ledger.claim(id, slot, "b", slot)).as("the unique key is taken").isFalse();
            assertThat(ledger.skip(id, slot, "b", slot, "late")).isFalse();
            assertThat(ledger.latestSlot(id)).contains(slot);

            ledger.markFailed(id, slot, "b", "not the owner", slot.plusSeconds(60));
            assertThat(ledger.claims(id)).singleElement().extracting(SlotClaim::status).isEqualTo(SlotStatus.CLAIMED);

            ledger.markFailed(id, slot, "a", "HTTP 503", slot.plusSeconds(60));
            assertThat(ledger.dueForRetry(slot)).isEmpty();
            SlotClaim failed = ledger.dueForRetry(slot.plusSeconds(60)).get(0);
            assertThat(failed.lastError()).isEqualTo("HTTP 503");
            assertThat(ledger.takeForRetry(failed, "b", slot.plusSeconds(60))).isTrue();
            assertThat(ledger.takeForRetry(failed, "a", slot.plusSeconds(60))).as("b took it first").isFalse();

            ledger.markPosted(id, slot, "b", slot.plusSeconds(61), "slack", "C1", List.of("a.md#3/0", "a.md#5/1"));
            SlotClaim posted = ledger.claims(id).get(0);
            assertThat(posted.status()).isEqualTo(SlotStatus.POSTED);
            assertThat(posted.attempts()).isEqualTo(2);
            assertThat(posted.claimedBy()).isEqualTo("b");
            assertThat(ledger.lastPosted(id)).contains(slot.plusSeconds(61));
            assertThat(ledger.lastPosted("slack", "C1")).contains(slot.plusSeconds(61));
            assertThat(ledger.sentCounts("slack", "C1")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("a.md#3/0", 1, "a.md#5/1", 1));
            assertThat(ledger.sentCounts("slack", "C2")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoReplicasRacingForOneSlotGetExactlyOneClaim(TestDatabases.Kind kind) throws Exception {
        DatabaseSettings settings = TestDatabases.settings(kind, tmp);
        try (Database a = Database.open(settings); Database b = Database.open(settings)) {
            long id = new JdbcSubscriptionStore(a).add("slack", "C1", Schedule.daily(LocalTime.of(9, 0)), ZoneId.of("UTC"),
                    List.of(), "U1", T0).id();
            List<JdbcSlotLedger> ledgers = List.of(new JdbcSlotLedger(a), new JdbcSlotLedger(b));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int day = 0; day < 30; day++) {
                    Instant slot = Instant.parse("2025-03-04T09:00:00Z").plus(Duration.ofDays(day));
                    CyclicBarrier start = new CyclicBarrier(2);
                    List<Future<Boolean>> wins = new ArrayList<>();
                    for (int i = 0; i < 2; i++) {
                        JdbcSlotLedger ledger = ledgers.get(i);
                        String owner = "replica-" + i;
                        Callable<Boolean> claim = () -> {
                            start.await();
                            return ledger.claim(id, slot, owner, slot);
                        };
                        wins.add(pool.submit(claim));
                    }
                    assertThat(wins.get(0).get() ^ wins.get(1).get()).as("day %d", day).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(new JdbcSlotLedger(a).claims(id)).hasSize(30);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStaleClaimIsMarkedLostOnce(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            long id = new JdbcSubscriptionStore(db).add("slack", "C1", Schedule.daily(LocalTime.of(9, 0)), ZoneId.of("UTC"),
                    List.of(), "U1", T0).id();
            JdbcSlotLedger ledger = new JdbcSlotLedger(db);
            Instant slot = Instant.parse("2025-03-04T09:00:00Z");
            ledger.claim(id, slot, "dead", slot);
            assertThat(ledger.staleClaims(slot)).isEmpty();
            SlotClaim stale = ledger.staleClaims(slot.plusSeconds(1)).get(0);
            assertThat(ledger.markLost(stale)).isTrue();
            assertThat(ledger.markLost(stale)).isFalse();
            assertThat(ledger.claims(id).get(0).status()).isEqualTo(SlotStatus.LOST);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void questionsAreReadBackPerConversationAfterAnInstant(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcQuestionLog log = new JdbcQuestionLog(db);
            log.record(new AnsweredQuestion("slack", "C1", "U1", "old question", List.of("a.md#1"), true, T0));
            log.record(new AnsweredQuestion("slack", "C1", "U1", "价格战怎么打？", List.of("p.md#4", "p.md#7"), true, T0.plusSeconds(10)));
            log.record(new AnsweredQuestion("slack", "C1", "U2", "what about mars?", List.of(), false, T0.plusSeconds(20)));
            log.record(new AnsweredQuestion("slack", "C2", "U3", "other channel", List.of(), false, T0.plusSeconds(30)));

            List<AnsweredQuestion> asked = log.askedAfter("slack", "C1", T0, 10);
            assertThat(asked).extracting(AnsweredQuestion::question).containsExactly("价格战怎么打？", "what about mars?");
            assertThat(asked.get(0).citedSectionIds()).containsExactly("p.md#4", "p.md#7");
            assertThat(asked.get(1).covered()).isFalse();
            assertThat(log.askedAfter("slack", "C1", T0.minusSeconds(1), 2)).as("the latest two")
                    .extracting(AnsweredQuestion::question).containsExactly("价格战怎么打？", "what about mars?");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void feedbackIsKept(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcFeedbackLog log = new JdbcFeedbackLog(db);
            Feedback f = new Feedback("slack", "C1", "U1", "价格战怎么打？", List.of("《价格战》 › 1 定价"), true, T0);
            log.record(f);
            log.record(new Feedback("slack", "C1", "U2", "q2", List.of(), false, T0.plusSeconds(1)));
            assertThat(log.forConversation("slack", "C1")).hasSize(2).first().isEqualTo(f);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aUserHasOneVotePerAnswerAndTheLastClickWins(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcFeedbackLog log = new JdbcFeedbackLog(db);
            List<String> cites = List.of("《价格战》 › 1 定价");
            log.record(new Feedback("slack", "C1", "U1", "q", cites, true, T0, "C1:1700000000.000100"));
            log.record(new Feedback("slack", "C1", "U1", "q", cites, false, T0.plusSeconds(1), "C1:1700000000.000100"));
            log.record(new Feedback("slack", "C1", "U2", "q", cites, true, T0.plusSeconds(2), "C1:1700000000.000100"));
            log.record(new Feedback("slack", "C1", "U1", "q", cites, true, T0.plusSeconds(3), "C1:1700000000.000200"));
            // Typed feedback has no answer reference: every verdict is kept.
            log.record(new Feedback("slack", "C1", "U1", "q", cites, true, T0.plusSeconds(4)));
            log.record(new Feedback("slack", "C1", "U1", "q", cites, true, T0.plusSeconds(5)));

            List<Feedback> kept = log.forConversation("slack", "C1");
            assertThat(kept).hasSize(5);
            assertThat(kept).filteredOn(f -> "C1:1700000000.000100".equals(f.answerRef()) && f.userId().equals("U1"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.helpful()).isFalse();
                        assertThat(f.at()).isEqualTo(T0.plusSeconds(1));
                    });
        }
    }
}
