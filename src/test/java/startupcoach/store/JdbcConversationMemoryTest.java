package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.conversation.Turn;

/** Conversation turns on both databases: per conversation, bounded, reset, forgotten after the TTL. */
class JdbcConversationMemoryTest {

    private static final Instant T0 = Instant.parse("2025-03-03T08:00:00Z");

    @TempDir
    Path tmp;

    private static Turn turn(String q, Instant at) {
        return new Turn(q, q + " rewritten", List.of("a.md#1", "a.md#2"), at);
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void keepsTheNewestTurnsOfEachConversationOldestFirst(TestDatabases.Kind kind) {
        TestClock clock = new TestClock(T0);
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcConversationMemory memory = new JdbcConversationMemory(db, 3, Duration.ofHours(1), clock);
            for (int i = 1; i <= 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                memory.remember("slack:C1:111.1", turn("q" + i, clock.instant()));
            }
            memory.remember("slack:C1:222.2", turn("other thread", clock.instant()));

            assertThat(memory.recent("slack:C1:111.1")).extracting(Turn::question).containsExactly("q3", "q4", "q5");
            assertThat(memory.recent("slack:C1:111.1").get(0).citedSectionIds()).containsExactly("a.md#1", "a.md#2");
            assertThat(memory.recent("slack:C1:111.1").get(0).searchedQuery()).isEqualTo("q3 rewritten");
            assertThat(memory.recent("slack:C1:222.2")).extracting(Turn::question).containsExactly("other thread");
            assertThat(memory.knows("slack:C1:333.3")).isFalse();
            assertThat(count(db)).as("bounded per conversation in the table too").isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aResetForgetsTheTurnsButTheConversationStaysKnown(TestDatabases.Kind kind) {
        TestClock clock = new TestClock(T0);
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcConversationMemory memory = new JdbcConversationMemory(db, 10, Duration.ofHours(1), clock);
            memory.remember("cli:terminal:s1", turn("q1", clock.instant()));
            clock.advance(Duration.ofSeconds(1));
            memory.reset("cli:terminal:s1");
            assertThat(memory.recent("cli:terminal:s1")).isEmpty();
            assertThat(memory.knows("cli:terminal:s1")).isTrue();
            clock.advance(Duration.ofSeconds(1));
            memory.remember("cli:terminal:s1", turn("q2", clock.instant()));
            assertThat(memory.recent("cli:terminal:s1")).extracting(Turn::question).containsExactly("q2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void turnsOlderThanTheTtlAreForgottenAndPurged(TestDatabases.Kind kind) {
        TestClock clock = new TestClock(T0);
        try (Database db = TestDatabases.open(kind, tmp)) {
            JdbcConversationMemory memory = new JdbcConversationMemory(db, 10, Duration.ofMinutes(30), clock);
            memory.remember("dingtalk:G1:staff1", turn("old", clock.instant()));
            clock.advance(Duration.ofMinutes(31));
            assertThat(memory.recent("dingtalk:G1:staff1")).isEmpty();
            assertThat(memory.knows("dingtalk:G1:staff1")).isFalse();
            memory.remember("dingtalk:G1:staff2", turn("new", clock.instant()));
            assertThat(count(db)).as("the expired row is purged on the next write").isEqualTo(1);
        }
    }

    private static long count(Database db) {
        return Jdbc.query(db, "SELECT COUNT(*) AS n FROM conversation_turns", rs -> rs.getLong("n")).get(0);
    }
}
