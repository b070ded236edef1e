package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
}
