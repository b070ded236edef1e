package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coach.yaml} through the real command line: read, under the environment, secrets masked, every problem named. */
class ConfigFileTest {

    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        Path file = tmp.resolve("coach.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void nestedAndFlatSettingsAreReadAndTheEnvironmentWins() throws IOException {
        Path file = write("""
                # a team's settings
                slack:
                  bot_token: xoxb-from-the-file-123
                  signing_secret: file-signing-secret
                coach:
                  rate:
                    user_per_minute: 7
                  admins: ["slack:U111", "dingtalk:staff42"]
                COACH_RATE_CHANNEL_PER_MINUTE: 40
                COACH_DATA_DIR: %s
                """.formatted(tmp.resolve("data")));

        CliRunner.Result r = CliRunner.run(Map.of("COACH_CONFIG", file.toString(), "COACH_RATE_CHANNEL_PER_MINUTE", "50"), "",
                "config", "show");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("file:       " + file.toAbsolutePath())
                .contains("userPerMinute=7 channelPerMinute=50")
                .containsPattern("admins=\\[.*U111.*staff42.*]|admins=\\[.*staff42.*U111.*]")
                .contains("SLACK_BOT_TOKEN=***").contains("slack:      SlackSettings[botToken=***")
                .doesNotContain("xoxb-from-the-file-123").doesNotContain("file-signing-secret");
    }

    @Test
    void everyProblemIsNamedWithItsLineAndNothingRuns() throws IOException {
        Path file = write("""
                slack:
                  bot_tokn: xoxb-1
                COACH_RATE_USER_PER_MINUTE: 5
                COACH_RATE_USER_PER_MINUTE: 6
                colour: blue
                """);

        CliRunner.Result r = CliRunner.run(Map.of("COACH_CONFIG", file.toString()), "", "config", "show");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(file + ":2: unknown setting SLACK_BOT_TOKN; did you mean SLACK_BOT_TOKEN?")
                .contains(file + ":4: COACH_RATE_USER_PER_MINUTE is set twice")
                .contains(file + ":5: unknown setting COLOUR")
                .doesNotContain("xoxb-1").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void brokenYamlAndAMissingNamedFileAreOneLineEach() throws IOException {
        Path file = write("slack:\n  bot_token: [unclosed\n");
        CliRunner.Result broken = CliRunner.run(Map.of("COACH_CONFIG", file.toString()), "", "config", "show");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).containsPattern(java.util.regex.Pattern.quote(file.toString()) + ":\\d+: not valid YAML")
                .doesNotContain("\tat ");

        CliRunner.Result missing = CliRunner.run(Map.of("COACH_CONFIG", tmp.resolve("nope.yaml").toString()), "", "config", "show");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: no such file (set by COACH_CONFIG)");
    }

    @Test
    void everyUnusableSettingIsReportedAtOnceAndServeDoesNotStart() throws IOException {
        // Three mistakes in the file, two in the environment: serve names all five and starts nothing.
        Path file = write("""
                coach:
                  http:
                    threads: many
                  digest:
                    tz: Mars/Olympus
                dingtalk:
                  app_secret: s3cret-value
                  mode: websocket
                """);
        Map<String, String> env = Map.of("COACH_CONFIG", file.toString(), "LLM_BASE_URL", "http://localhost:1",
                "LLM_READ_TIMEOUT_MS", "-5", "COACH_DATA_DIR", tmp.resolve("data").toString());

        CliRunner.Result serve = CliRunner.run(env, "", "serve", "--port", "0");
        CliRunner.Result show = CliRunner.run(env, "", "config", "show");

        assertThat(serve.exitCode()).as(serve.err()).isEqualTo(2);
        assertThat(serve.err()).contains("configuration: 5 problem(s)")
                .contains("COACH_HTTP_THREADS=many is not valid; use a whole number ≥ 1 (default 8)")
                .contains("COACH_DIGEST_TZ=Mars/Olympus is not valid; use an IANA time zone such as Asia/Shanghai")
                .contains("DINGTALK_MODE=websocket is not valid; use one of: stream, http")
                .contains("LLM_READ_TIMEOUT_MS=-5 is not valid; use a whole number of milliseconds ≥ 1")
                .contains("LLM_MODEL is not set")
                .doesNotContain("s3cret-value").doesNotContain("\tat ");
        assertThat(serve.out()).doesNotContain("serving on");
        assertThat(show.exitCode()).isEqualTo(2);
        assertThat(show.out()).contains("5 problem(s), serve would not start", "problem:    DINGTALK_MODE=websocket")
                .contains("DINGTALK_APP_SECRET=***").doesNotContain("s3cret-value");
    }
}
