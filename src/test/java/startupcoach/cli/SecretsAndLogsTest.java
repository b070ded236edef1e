package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.config.Redaction;
import startupcoach.server.RequestContext;

/** Secrets never reach a log line or {@code config show}; {@code COACH_LOG_FORMAT=json} writes JSON lines with the request id. */
class SecretsAndLogsTest {

    private static final String LLM_KEY = "sk-live-4fa8e0c1d2b3a4958677";
    private static final String DB_PASSWORD = "pg-Pa55w0rd-9d8c7b";

    @TempDir
    Path tmp;

    private static List<String> secrets() {
        return List.of(Serve.SLACK_SECRET, Serve.SLACK_TOKEN, Serve.DINGTALK_SECRET, LLM_KEY, DB_PASSWORD);
    }

    @Test
    void noSecretAppearsInAnyLogLineOfAServeThatStartsAnswersAndRefusesForgeries() throws Exception {
        try (FakeChatServices fake = new FakeChatServices(); LogLines logs = new LogLines()) {
            Map<String, String> env = Serve.env(fake, Map.of());
            CoachServer server = Serve.start(tmp.resolve("data"), env);
            try {
                byte[] slack = Serve.slackMention("CSECRET1", "USECRET1", "价格战怎么打？").getBytes(StandardCharsets.UTF_8);
                assertThat(Serve.send(Serve.slackRequest(server.port(), slack)).statusCode()).isEqualTo(200);
                byte[] ding = Serve.dingTalkMessage(fake, "cidSecret1", "usecret2", "融资").getBytes(StandardCharsets.UTF_8);
                assertThat(Serve.send(Serve.dingTalkRequest(server.port(), ding)).statusCode()).isEqualTo(200);
                assertThat(fake.next("CSECRET1", Duration.ofSeconds(30))).isNotNull();
                assertThat(fake.next("cidSecret1", Duration.ofSeconds(30))).isNotNull();
                // Forgeries that carry secrets in their own headers and bodies.
                assertThat(Serve.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + server.port() + "/dingtalk/callback"))
                        .header("timestamp", "1").header("sign", Serve.DINGTALK_SECRET)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"" + Serve.SLACK_TOKEN + "\"}")).build())
                        .statusCode()).isEqualTo(401);
            } finally {
                server.close();
            }
            List<String> lines = logs.rendered();
            assertThat(lines).as("the capture saw the start, the answers and the refusal")
                    .anyMatch(l -> l.contains("serve.started")).anyMatch(l -> l.contains("dingtalk.answered"))
                    .anyMatch(l -> l.contains("dingtalk.callback_rejected"));
            for (String secret : secrets()) {
                assertThat(lines).noneMatch(l -> l.contains(secret));
            }
        }
    }

    @Test
    void configShowPrintsTheEffectiveConfigurationWithEverySecretMasked() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", Serve.SLACK_SECRET);
        env.put("SLACK_BOT_TOKEN", Serve.SLACK_TOKEN);
        env.put("DINGTALK_APP_KEY", Serve.DINGTALK_KEY);
        env.put("DINGTALK_APP_SECRET", Serve.DINGTALK_SECRET);
        env.put("DINGTALK_MODE", "http");
        env.put("COACH_COMPOSER", "llm");
        env.put("LLM_BASE_URL", "http://127.0.0.1:9/v1");
        env.put("LLM_MODEL", "qwen2.5");
        env.put("LLM_API_KEY", LLM_KEY);
        env.put("DATABASE_URL", "postgres://coach:" + DB_PASSWORD + "@db.internal:5432/coach?sslmode=require&password=" + DB_PASSWORD);
        env.put("COACH_RATE_USER_PER_MINUTE", "7");
        env.put("COACH_DATA_DIR", tmp.resolve("data").toString());

        CliRunner.Result r = CliRunner.run(env, "", "config", "show");

        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String secret : secrets()) {
            assertThat(r.out()).doesNotContain(secret);
        }
        assertThat(r.out())
                .contains("SLACK_BOT_TOKEN=***").contains("SLACK_SIGNING_SECRET=***").contains("DINGTALK_APP_SECRET=***")
                .contains("LLM_API_KEY=***").contains("DINGTALK_APP_KEY=" + Serve.DINGTALK_KEY)
                .contains("DATABASE_URL=postgres://***@db.internal:5432/coach?sslmode=require&password=***")
                .contains("userPerMinute=7 channelPerMinute=30 shutdownSeconds=20")
                .contains("slack:      SlackSettings[botToken=***").contains("(enabled)")
                .contains("model=qwen2.5");
    }

    @Test
    void redactionMasksSecretNamesUserInfoAndSecretQueryParameters() {
        assertThat(Redaction.value("SLACK_APP_TOKEN", "xapp-1-abc")).isEqualTo("***");
        assertThat(Redaction.value("DATABASE_PASSWORD", "x")).isEqualTo("***");
        assertThat(Redaction.value("COACH_DATA_DIR", "/data")).isEqualTo("/data");
        assertThat(Redaction.value("SLACK_BOT_TOKEN", null)).isEqualTo("(unset)");
        assertThat(Redaction.url("https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1&sign=zz"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1&sign=***");
        assertThat(Redaction.url("jdbc:postgresql://u:p@h/db")).isEqualTo("jdbc:postgresql://***@h/db");
    }

    @Test
    void jsonLogFormatWritesOneObjectPerLineWithTheRequestId() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        // org.slf4j.MDC writes to the process's context's adapter: the new context must read the same one.
        context.setMDCAdapter(((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).getMDCAdapter());
        context.putProperty("COACH_JSON_LEVEL", "INFO");
        context.putProperty("COACH_CONSOLE_LEVEL", "OFF");
        context.putProperty("coach.logDir", tmp.resolve("logs").toString());
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(getClass().getResource("/logback.xml"));
            try (RequestContext.Scope scope = RequestContext.open("req-42")) {
                context.getLogger("startupcoach.test").info("answer.composed platform={} covered={}", "slack", true);
            }
        } finally {
            context.stop();
            System.setErr(err);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("startupcoach.test");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("answer.composed platform=slack covered=true");
        assertThat(line.path("mdc").path("requestId").asText()).isEqualTo("req-42");
    }
}
