package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import startupcoach.config.SlackSettings;

class SlackSettingsTest {

    @Test
    void readsTheEnvironmentWithDefaults() {
        SlackSettings s = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "abc"));
        assertThat(s.apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(s.placeholderAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.HTTP);
        assertThat(s.problem()).isEmpty();
    }

    @Test
    void anAppTokenMeansSocketModeAndNeedsNoSigningSecret() {
        SlackSettings s = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1-A"));
        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.SOCKET);
        assertThat(s.problem()).isEmpty();
    }

    @Test
    void toStringNeverShowsASecret() {
        SlackSettings s = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-secret-bot", "SLACK_SIGNING_SECRET",
                "sign-secret", "SLACK_APP_TOKEN", "xapp-secret-app"));
        assertThat(s.toString()).doesNotContain("xoxb-secret-bot", "sign-secret", "xapp-secret-app").contains("***");
    }

    @Test
    void apiUrlGetsItsTrailingSlashAndMustBeHttp() {
        assertThat(SlackSettings.fromEnvironment(Map.of("SLACK_API_URL", "http://127.0.0.1:9/api")).apiUrl())
                .isEqualTo("http://127.0.0.1:9/api/");
        assertThatThrownBy(() -> SlackSettings.fromEnvironment(Map.of("SLACK_API_URL", "slack.com/api")))
                .hasMessageContaining("SLACK_API_URL");
        assertThatThrownBy(() -> SlackSettings.fromEnvironment(Map.of("SLACK_PLACEHOLDER_AFTER_MS", "soon")))
                .hasMessageContaining("SLACK_PLACEHOLDER_AFTER_MS");
    }

    @Test
    void blankValuesCountAsUnset() {
        assertThat(SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "  ")).problem()).contains("SLACK_BOT_TOKEN is not set");
    }
}
