package startupcoach.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteNativesAdviceTest {

    @Test
    void unloadableSqliteNativeSaysWhereItIsExtractedAndWhatToDo() {
        RuntimeException failure = new RuntimeException(new UnsatisfiedLinkError(
                "No native library found for os.name=Linux, os.arch=x86_64"));

        assertThat(Database.sqliteNativesAdvice(Dialect.SQLITE, failure))
                .contains("temp directory").contains("noexec").contains("DATABASE_URL");
    }

    @Test
    void otherFailuresAndPostgresqlGetNoSqliteAdvice() {
        assertThat(Database.sqliteNativesAdvice(Dialect.SQLITE, new RuntimeException("disk full"))).isEmpty();
        assertThat(Database.sqliteNativesAdvice(Dialect.POSTGRESQL,
                new RuntimeException("No native library found"))).isEmpty();
    }
}
