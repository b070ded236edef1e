package startupcoach.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import startupcoach.config.DatabaseSettings;

class DatabaseTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void migratesEveryTableAndReopensWithoutMigratingAgain(TestDatabases.Kind kind) throws Exception {
        DatabaseSettings settings = TestDatabases.settings(kind, tmp);
        String applied = "SELECT COUNT(*) FROM flyway_schema_history WHERE success = ?";
        List<Integer> first;
        try (Database db = Database.open(settings)) {
            assertThat(tables(db)).contains("subscriptions", "robot_webhooks", "digest_slots", "sent_passages", "dedupe_keys",
                    "question_log", "feedback");
            first = Jdbc.query(db, applied, rs -> rs.getInt(1), true);
        }
        assertThat(first).singleElement().satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(2));
        try (Database again = Database.open(settings)) {
            assertThat(Jdbc.query(again, applied, rs -> rs.getInt(1), true)).isEqualTo(first);
        }
    }

    @Test
    void sqliteIsAFileUnderTheDataDirectoryInWalModeWithABusyTimeout() throws Exception {
        Path file = tmp.resolve("data/coach.db");
        try (Database db = Database.open(DatabaseSettings.fromEnvironment(java.util.Map.of(), tmp.resolve("data")));
             Connection c = db.connection(); Statement st = c.createStatement()) {
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(file).exists();
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = st.executeQuery("PRAGMA busy_timeout")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(Database.SQLITE_BUSY_TIMEOUT_MS);
            }
        }
    }

    @Test
    void anUnreachablePostgresIsAStoreExceptionWithoutThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/coach?connectTimeout=1&password=hunter2",
                "coach", "hunter2");
        assertThatThrownBy(() -> Database.open(settings))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:1/coach")
                .hasMessageNotContaining("hunter2");
    }

    private static List<String> tables(Database db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }
}
