package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import startupcoach.config.DingTalkSettings;
import org.junit.jupiter.api.Test;
import startupcoach.server.ChatPlatform;

class DingTalkWiringTest {

    private final List<ChatPlatform> enabled = new ArrayList<>();
    private final List<String> disabled = new ArrayList<>();

    @Test
    void withoutTheAppSecretDingTalkIsDisabledWithTheReason() {
        DingTalkWiring.configure(DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", "k")), null, null, enabled, disabled);

        assertThat(enabled).isEmpty();
        assertThat(disabled).containsExactly("dingtalk: DINGTALK_APP_SECRET is not set");
    }
}
