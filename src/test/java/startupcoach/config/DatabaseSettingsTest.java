package startupcoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final Path DATA = Path.of("/srv/coach/data");

    @Test
    void withoutDatabaseUrlItIsAnSqliteFileInTheDataDirectory() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(Map.of(), DATA);
        assertThat(s.isSqlite()).isTrue();
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:sqlite:" + DATA.resolve("coach.db").toAbsolutePath());
    }

    @Test
    void aJdbcUrlIsUsedAsGivenWithCredentialsFromTheEnvironment() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/coach",
                "DATABASE_USER", "coach", "DATABASE_PASSWORD", "s3cret"), DATA);
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://db:5432/coach", "coach", "s3cret"));
        assertThat(s.isPostgres()).isTrue();
        assertThat(s.toString()).doesNotContain("s3cret");
    }

    @Test
    void aPostgresUriFromAHostingPlatformIsConverted() {
        DatabaseSettings s = DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", "postgres://coach:p%40ss@db.example:6543/coach?sslmode=require"),
                DATA);
        assertThat(s).isEqualTo(new DatabaseSettings("jdbc:postgresql://db.example:6543/coach?sslmode=require", "coach", "p@ss"));
        assertThat(s.safeUrl()).isEqualTo("jdbc:postgresql://db.example:6543/coach?…");
    }

    @Test
    void anyOtherUrlIsRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(Map.of("DATABASE_URL", "mysql://x/y"), DATA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void digestSettingsComeFromTheEnvironmentWithDefaults() {
        assertThat(DigestSettings.fromEnvironment(Map.of())).isEqualTo(DigestSettings.defaults());
        assertThat(DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_TZ", "Asia/Shanghai", "COACH_DIGEST_GRACE_MINUTES", "90")))
                .isEqualTo(new DigestSettings(ZoneId.of("Asia/Shanghai"), Duration.ofMinutes(90)));
        assertThatThrownBy(() -> DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_TZ", "Mars/Base")))
                .hasMessageContaining("COACH_DIGEST_TZ");
        assertThatThrownBy(() -> DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_GRACE_MINUTES", "0")))
                .hasMessageContaining("COACH_DIGEST_GRACE_MINUTES=0 is not valid; use a whole number of minutes ≥ 1");
    }

    @Test
    void digestTickAndCronMinimumComeFromTheEnvironment() {
        DigestSettings s = DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_TICK_SECONDS", "1", "COACH_DIGEST_MIN_INTERVAL_MINUTES", "1"));
        assertThat(s.tickInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.minInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DigestSettings.defaults().tickInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DigestSettings.defaults().minInterval()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_TICK_SECONDS", "0")))
                .hasMessageContaining("COACH_DIGEST_TICK_SECONDS=0 is not valid; use a whole number of seconds ≥ 1 (default 30)");
        assertThatThrownBy(() -> DigestSettings.fromEnvironment(Map.of("COACH_DIGEST_MIN_INTERVAL_MINUTES", "soon")))
                .hasMessageContaining("COACH_DIGEST_MIN_INTERVAL_MINUTES");
    }
}
