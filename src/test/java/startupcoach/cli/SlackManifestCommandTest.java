package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
