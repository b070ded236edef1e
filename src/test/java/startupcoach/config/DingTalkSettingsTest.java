package startupcoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DingTalkSettingsTest {

    @Test
    void streamIsTheDefaultWhenKeyAndSecretAreSet() {
        DingTalkSettings s = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", "k", "DINGTALK_APP_SECRET", "s"));

        assertThat(s.mode()).isEqualTo(DingTalkSettings.Mode.STREAM);
        assertThat(s.apiUrl()).isEqualTo("https://api.dingtalk.com");
        assertThat(s.maxMessageAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.robotCodeIfAny()).isEmpty();
    }

    @Test
    void secretAloneMeansHttpCallbackOnly() {
        DingTalkSettings s = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_SECRET", "s"));

        assertThat(s.mode()).isEqualTo(DingTalkSettings.Mode.HTTP);
        assertThat(s.appKeyIfAny()).isEmpty();
    }

    @Test
    void readsModeApiUrlRobotCodeAndMaxAge() {
        DingTalkSettings s = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", "k", "DINGTALK_APP_SECRET", "s",
                "DINGTALK_MODE", " HTTP ", "DINGTALK_API_URL", "http://localhost:9999/", "DINGTALK_ROBOT_CODE", "dingrobot",
                "DINGTALK_MAX_MESSAGE_AGE_SECONDS", "90"));

        assertThat(s.mode()).isEqualTo(DingTalkSettings.Mode.HTTP);
        assertThat(s.apiUrl()).isEqualTo("http://localhost:9999");
        assertThat(s.robotCode()).isEqualTo("dingrobot");
        assertThat(s.maxMessageAge()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badValuesNameTheVariableAndTheValidChoices() {
        assertThatThrownBy(() -> DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_SECRET", "s", "DINGTALK_MODE", "socket")))
                .hasMessage("DINGTALK_MODE=socket is not valid; use one of: stream, http");
        assertThatThrownBy(() -> DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_SECRET", "s", "DINGTALK_MODE", "stream")))
                .hasMessageContaining("DINGTALK_APP_KEY");
        assertThatThrownBy(() -> DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_SECRET", "s",
                "DINGTALK_MAX_MESSAGE_AGE_SECONDS", "five")))
                .hasMessageContaining("DINGTALK_MAX_MESSAGE_AGE_SECONDS");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        DingTalkSettings s = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", "dingkey", "DINGTALK_APP_SECRET",
                "super-secret-value"));

        assertThat(s.toString()).contains("dingkey").contains("appSecret=***").doesNotContain("super-secret-value");
    }
}
