package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.config.DatabaseSettings;
import startupcoach.pipeline.Inbound;
import startupcoach.pipeline.Inbox;
import startupcoach.pipeline.InboxItem;

class JdbcInboxTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T08:00:00Z"));

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void acceptStoresTheMessageWithItsKeysAndARepeatOfAnyKeyIsADuplicate(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcDeduplicator dedupe = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            JdbcInbox inbox = new JdbcInbox(db, dedupe);

            assertThat(inbox.accept(inbound("slack:event:Ev1", "slack:ts:C1:1.0"))).isEqualTo(Inbox.Verdict.ACCEPTED);
            assertThat(inbox.accept(inbound("slack:event:Ev2", "slack:ts:C1:1.0"))).as("the message twin").isEqualTo(Inbox.Verdict.DUPLICATE);

            assertThat(inbox.unfinished("slack")).isEqualTo(1);
            assertThat(dedupe.firstTime("slack:event:Ev1")).as("the keys mean what the deduplicator's mean").isFalse();
            assertThat(dedupe.firstTime("slack:event:Ev2")).as("recorded too, as the deduplicator records all keys").isFalse();
            InboxItem item = inbox.claim("slack", "r1", LEASE).orElseThrow();
            assertThat(item.inbound()).isEqualTo(inbound("slack:event:Ev1", "slack:ts:C1:1.0"));
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.resumed()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void itemsAreClaimedOldestFirstOnceAndAgainOnlyWhenTheLeaseRanOut(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcInbox inbox = new JdbcInbox(db, new JdbcDeduplicator(db, Duration.ofHours(1), clock));
            inbox.accept(inbound("slack:event:A"));
            inbox.accept(inbound("slack:event:B"));
            inbox.accept(inbound("dingtalk:msg:C"));

            assertThat(inbox.claim("slack", "r1", LEASE).map(InboxItem::key)).contains("slack:event:A");
            assertThat(inbox.claim("slack", "r1", LEASE).map(InboxItem::key)).contains("slack:event:B");
            assertThat(inbox.claim("slack", "r2", LEASE)).as("each platform's pipeline takes its own").isEmpty();

            clock.advance(LEASE.plusSeconds(1));
            InboxItem again = inbox.claim("slack", "r2", LEASE).orElseThrow();
            assertThat(again.key()).isEqualTo("slack:event:A");
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.resumed()).isTrue();
            inbox.done(again.id(), "answered");
            assertThat(inbox.outcome(again.id())).contains("answered");
            assertThat(inbox.claim("slack", "r2", LEASE).map(InboxItem::key)).contains("slack:event:B");
            assertThat(inbox.claim("slack", "r2", LEASE)).isEmpty();
            assertThat(inbox.unfinished("slack")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aRestartedReplicaTakesBackWhatItHeldWithTheProgressItRecorded(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcInbox inbox = new JdbcInbox(db, new JdbcDeduplicator(db, Duration.ofHours(1), clock));
            inbox.accept(inbound("slack:event:A"));
            inbox.accept(inbound("slack:event:B"));
            InboxItem mine = inbox.claim("slack", "host-a", LEASE).orElseThrow();
            inbox.started(mine.id());
            inbox.sent(mine.id(), "1700000000.000100");
            InboxItem theirs = inbox.claim("slack", "host-b", LEASE).orElseThrow();
            long leased = theirs.id();
            inbox.renew(List.of(leased), "host-b", LEASE);

            assertThat(inbox.release("slack", "host-a")).isEqualTo(1);

            InboxItem back = inbox.claim("slack", "host-a", LEASE).orElseThrow();
            assertThat(back.id()).isEqualTo(mine.id());
            assertThat(back.attempts()).isEqualTo(2);
            assertThat(back.started()).isTrue();
            assertThat(back.sentRef()).isEqualTo("1700000000.000100");
            assertThat(inbox.claim("slack", "host-a", LEASE)).as("host-b's lease still holds").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void replicasClaimingAtOnceNeverTakeTheSameItem(TestDatabases.Kind kind) throws Exception {
        DatabaseSettings settings = TestDatabases.settings(kind, tmp);
        try (Database one = Database.open(settings); Database two = Database.open(settings)) {
            JdbcInbox first = new JdbcInbox(one, new JdbcDeduplicator(one, Duration.ofHours(1), clock));
            JdbcInbox second = new JdbcInbox(two, new JdbcDeduplicator(two, Duration.ofHours(1), clock));
            for (int i = 0; i < 40; i++) {
                first.accept(inbound("slack:event:E" + i));
            }
            int threads = 6;
            CyclicBarrier together = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Long>>> claims = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    JdbcInbox inbox = t % 2 == 0 ? first : second;
                    String replica = "r" + t;
                    Callable<List<Long>> claimAll = () -> {
                        together.await();
                        List<Long> mine = new ArrayList<>();
                        for (Optional<InboxItem> item = inbox.claim("slack", replica, LEASE); item.isPresent();
                             item = inbox.claim("slack", replica, LEASE)) {
                            mine.add(item.get().id());
                        }
                        return mine;
                    };
                    claims.add(pool.submit(claimAll));
                }
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> f : claims) {
                    all.addAll(f.get());
                }
                assertThat(all).hasSize(40).doesNotHaveDuplicates();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Inbound inbound(String... keys) {
        return new Inbound(keys[0].split(":")[0], "C1", "1.0", "U1", "pricing?", List.of(keys), clock.instant(),
                "{\"channel\":\"C1\"}");
    }
}
