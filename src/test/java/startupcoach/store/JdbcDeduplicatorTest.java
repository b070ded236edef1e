package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.config.DatabaseSettings;

class JdbcDeduplicatorTest {

    @TempDir
    Path tmp;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T08:00:00Z"));

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void firstSightingIsTrueThenFalse(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcDeduplicator dedupe = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            assertThat(dedupe.firstTime("slack:event:Ev1")).isTrue();
            assertThat(dedupe.firstTime("slack:event:Ev1")).isFalse();
            assertThat(dedupe.firstTime("slack:event:Ev2")).isTrue();
            clock.advance(Duration.ofMinutes(59));
            assertThat(dedupe.firstTime("slack:event:Ev1")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void anExpiredKeyCountsAsNewAndExpiredKeysArePurged(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcDeduplicator dedupe = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            assertThat(dedupe.firstTime("dingtalk:msg:a")).isTrue();
            assertThat(dedupe.firstTime("dingtalk:msg:b")).isTrue();
            clock.advance(Duration.ofHours(1));
            assertThat(dedupe.firstTime("dingtalk:msg:a")).as("expired, so a new delivery").isTrue();
            assertThat(dedupe.firstTime("dingtalk:msg:a")).isFalse();
            // b expired and nobody renewed it: the purge removes it, a stays.
            assertThat(dedupe.purgeExpired()).isEqualTo(1);
            assertThat(Jdbc.query(db, "SELECT key FROM dedupe_keys", rs -> rs.getString(1))).containsExactly("dingtalk:msg:a");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void twoThreadsRacingForOneKeyGetExactlyOneTrue(TestDatabases.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, tmp)) {
            // Two instances, as two replicas would have.
            JdbcDeduplicator a = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            JdbcDeduplicator b = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 50; round++) {
                    String key = "slack:event:race-" + round;
                    CyclicBarrier start = new CyclicBarrier(2);
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (JdbcDeduplicator d : List.of(a, b)) {
                        Callable<Boolean> call = () -> {
                            start.await();
                            return d.firstTime(key);
                        };
                        results.add(pool.submit(call));
                    }
                    int firsts = 0;
                    for (Future<Boolean> r : results) {
                        firsts += r.get() ? 1 : 0;
                    }
                    assertThat(firsts).as("round %d", round).isEqualTo(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aConnectionTheServerDroppedMidTransactionIsReportedAsUnavailableAndRecordsNothing() throws Exception {
        DatabaseSettings settings = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, tmp);
        try (Database db = Database.open(settings)) {
            JdbcDeduplicator dedupe = new JdbcDeduplicator(db, Duration.ofHours(1), clock);
            boolean dropped = false;
            for (int round = 0; round < 5 && !dropped; round++) {
                List<String> keys = List.of("slack:event:EvDrop" + round, "slack:msg:drop" + round, "slack:ts:C1:1." + round);
                assertThat(dedupe.firstTime("slack:event:warm" + round)).isTrue();
                // What a PostgreSQL restart does to the pooled connection just used, which the pool
                // hands out again without a check within its 500 ms validation bypass.
                terminateOtherBackends(settings);
                try {
                    assertThat(dedupe.firstTimeAll(keys)).as("recorded on a fresh connection").isTrue();
                } catch (StorageUnavailableException e) {
                    // Not a StoreException: the platform is asked to redeliver, and nothing was recorded.
                    dropped = true;
                    Thread.sleep(Database.RECONNECT_INTERVAL.toMillis() + 100);
                    assertThat(dedupe.firstTimeAll(keys)).as("the redelivery is new").isTrue();
                    assertThat(dedupe.firstTimeAll(keys)).isFalse();
                }
            }
            assertThat(dropped).as("a dropped connection was met").isTrue();
        }
    }

    private static void terminateOtherBackends(DatabaseSettings settings) throws Exception {
        String database = settings.jdbcUrl().substring(settings.jdbcUrl().lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        try (Connection c = TestDatabases.postgres().getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, database);
            ps.executeQuery().close();
        }
    }
}
