package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackManifestCommandTest {

    @Test
    void printsTheManifestWithScopesEventsCommandAndInteractivity() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("assistant_view:", "assistant_description:", "suggested_prompts:", "assistant:write",
                "assistant_thread_started", "assistant_thread_context_changed", "message.im");
        assertThat(r.out()).contains("display_name: startup-coach", "app_mentions:read", "chat:write", "im:history", "im:read",
                "im:write", "commands", "- app_mention", "- message.im", "command: /coach", "interactivity:",
                "is_enabled: true", "socket_mode_enabled: false", "https://YOUR-HOST/slack/events");
    }

    @Test
    void fillsInTheHostGivenWithUrl() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest", "--url", "https://coach.example.com/");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("YOUR-HOST");
        assertThat(r.out().split("https://coach.example.com/slack/events", -1)).hasSize(4);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void acceptsTheFullEndpointAndSocketMode() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest", "--url", "https://coach.example.com/slack/events", "--socket-mode");
        assertThat(r.out()).contains("request_url: https://coach.example.com/slack/events", "socket_mode_enabled: true")
                .doesNotContain("/slack/events/slack/events");
    }

    @Test
    void aUrlThatIsNotOneIsAUsageError() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest", "--url", "coach.example.com");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--url must look like https://coach.example.com");
    }

    @Test
    void plainHttpIsAllowedWithAWarning() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest", "--url", "http://localhost:3000");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("https://");
        assertThat(r.out()).contains("http://localhost:3000/slack/events");
    }

    /**
     * The fields of Slack's app manifest schema (api.slack.com/reference/manifests) the manifest uses,
     * with the types and limits the schema gives: assistant_view needs assistant_description (a
     * string) and at most 4 suggested_prompts of title + message; scopes and events are lists of names.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theManifestHasTheShapeOfSlacksManifestSchema() {
        CliRunner.Result r = CliRunner.run("", "slack-manifest", "--url", "https://coach.example.com");
        Map<String, Object> manifest = new org.yaml.snakeyaml.Yaml().load(r.out());

        Map<String, Object> display = (Map<String, Object>) manifest.get("display_information");
        assertThat((String) display.get("name")).hasSizeLessThanOrEqualTo(35);
        assertThat((String) display.get("description")).hasSizeLessThanOrEqualTo(140);
        assertThat((String) display.get("long_description")).hasSizeBetween(175, 4000);
        Map<String, Object> features = (Map<String, Object>) manifest.get("features");
        Map<String, Object> assistant = (Map<String, Object>) features.get("assistant_view");
        assertThat(assistant.get("assistant_description")).isInstanceOf(String.class);
        List<Map<String, Object>> prompts = (List<Map<String, Object>>) assistant.get("suggested_prompts");
        assertThat(prompts).hasSizeBetween(1, 4).allSatisfy(p -> assertThat(p).containsOnlyKeys("title", "message"));
        assertThat(((Map<String, Object>) features.get("bot_user")).get("display_name")).isEqualTo("startup-coach");
        Map<String, Object> oauth = (Map<String, Object>) manifest.get("oauth_config");
        List<String> scopes = (List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot");
        assertThat(scopes).contains("assistant:write", "chat:write", "im:history").doesNotHaveDuplicates();
        Map<String, Object> settings = (Map<String, Object>) manifest.get("settings");
        Map<String, Object> events = (Map<String, Object>) settings.get("event_subscriptions");
        assertThat((List<String>) events.get("bot_events"))
                .contains("app_mention", "message.im", "assistant_thread_started", "assistant_thread_context_changed")
                .doesNotHaveDuplicates();
        assertThat(events.get("request_url")).isEqualTo("https://coach.example.com/slack/events");
        assertThat(((Map<String, Object>) settings.get("interactivity")).get("is_enabled")).isEqualTo(true);
    }
}
