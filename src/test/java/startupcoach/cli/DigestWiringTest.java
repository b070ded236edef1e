package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.config.CoachConfig;
import startupcoach.config.SlackSettings;
import startupcoach.digest.DigestSink;
import startupcoach.retrieve.IndexProgress;
import startupcoach.slack.SlackPlatform;
import startupcoach.store.Storage;

/** {@code serve} opens the store, registers the digest command and logs questions; {@code digest preview} records nothing. */
class DigestWiringTest {

    @TempDir
    Path tmp;
    private Path kb;

    @BeforeEach
    void writeKnowledge() throws IOException {
        kb = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(kb.resolve("pricing.md"), """
                # 定价手册

                ## 1 定价策略

                价值定价比成本定价更能体现产品差异。竞争对手降价时，先比较客户获得的价值。

                ## 2 价格战

                价格战中要守住利润底线。不要用补贴换取不会留下的客户。

                ## 3 市场风险

                市场风险来自需求变化。
                """);
    }

    @Test
    void serveKeepsSubscriptionsAndQuestionsInTheSqliteFileUnderTheDataDirectory() throws Exception {
        Path data = tmp.resolve("data");
        CoachConfig config = new CoachConfig(kb, data);
        try (CoachServer server = CoachServer.start(config, Map.of(), "127.0.0.1", 0, IndexProgress.SILENT)) {
            Reply subscribed = server.app().coach().handle(new IncomingMessage("slack", "C1", "U1", "digest daily 09:00 topics=pricing"));
            assertThat(subscribed.kind()).as(subscribed.text()).isEqualTo(ReplyKind.DIGEST);
            assertThat(server.app().coach().handle(new IncomingMessage("slack", "C1", "U1", "价格战怎么打")).kind())
                    .isEqualTo(ReplyKind.ANSWER);
            assertThat(server.app().coach().help().text()).contains("digest daily 09:00");
            // DingTalk's sink posts through each group's robot, so serve's wiring lets the command ask for one.
            assertThat(server.app().coach().handle(new IncomingMessage("dingtalk", "G1", "U1", "digest daily 09:00")).text())
                    .contains("no webhook yet", "智能群助手", "digest webhook <url> <secret>");
            assertThat(server.app().coach().handle(new IncomingMessage("slack", "C1", "U1", "digest webhook https://x.example/h S")).text())
                    .contains("need no webhook");
        }
        assertThat(data.resolve("coach.db")).exists();
        try (Storage storage = Storage.open(startupcoach.config.DatabaseSettings.fromEnvironment(Map.of(), data))) {
            assertThat(storage.digests().subscriptions().active("slack", "C1")).hasSize(1);
            assertThat(storage.digests().questions().askedAfter("slack", "C1", java.time.Instant.EPOCH, 10))
                    .extracting(AnsweredQuestion::question, AnsweredQuestion::covered)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("价格战怎么打", true));
        }
    }

    @Test
    void withoutStorageTheCoachHasNoDigestCommandAndLogsNoQuestions() {
        try (CoachApp app = CoachApp.open(new CoachConfig(kb, tmp.resolve("data")), IndexProgress.SILENT)) {
            assertThat(app.storage()).isEmpty();
            assertThat(app.coach().help().text()).doesNotContain("digest");
            assertThat(app.deduplicator().firstTime("k")).isTrue();
            assertThat(app.deduplicator().firstTime("k")).isFalse();
        }
    }

    @Test
    void digestPreviewPrintsADigestAndRecordsNothing() {
        Path data = tmp.resolve("data");
        CliRunner.Result r = CliRunner.run("", "digest", "preview", "--topics", "pricing,风险", "--knowledge", kb.toString(),
                "--data-dir", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Startup digest · pricing, risk", "> 价格战中要守住利润底线。", "— 《定价手册》 › 2 价格战");
        assertThat(data.resolve("coach.db")).doesNotExist();
    }

    @Test
    void digestPreviewWithAnUnknownTopicListsTheValidOnes() {
        CliRunner.Result r = CliRunner.run("", "digest", "preview", "--topics", "astrology", "--knowledge", kb.toString(),
                "--data-dir", tmp.resolve("data").toString());
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("unknown topic \u201Castrology\u201D", "risk (风险)", "business-model");
    }

    @Test
    void digestAloneShowsItsSubcommands() {
        CliRunner.Result r = CliRunner.run("", "digest");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("preview");
    }

    @Test
    void slackPostsDigestsWhenEnabledAndDingTalkRobotsAlways() throws Exception {
        try (CoachApp app = CoachApp.open(new CoachConfig(kb, tmp.resolve("data")), IndexProgress.SILENT)) {
            assertThat(DigestWiring.sinks(Map.of(), app, List.of())).containsOnlyKeys("dingtalk");
            SlackSettings settings = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_SIGNING_SECRET", "s"));
            try (SlackPlatform slack = SlackPlatform.create(settings, app.coach(), app.feedbackLog(), app.deduplicator())) {
                Map<String, DigestSink> sinks = DigestWiring.sinks(Map.of(), app, List.of(slack));
                assertThat(sinks).containsOnlyKeys("slack", "dingtalk");
                assertThat(sinks.get("slack")).isSameAs(slack.digestSink());
            }
        }
    }

    @Test
    void cronMinimumIntervalComesFromTheEnvironment() throws Exception {
        IncomingMessage everyMinute = new IncomingMessage("slack", "C2", "U1", "digest cron \"* * * * *\"");
        try (CoachServer server = CoachServer.start(new CoachConfig(kb, tmp.resolve("default")), Map.of("COACH_RETRIEVAL_MODE", "bm25"), "127.0.0.1", 0,
                IndexProgress.SILENT)) {
            assertThat(server.app().coach().handle(everyMinute).text()).contains("more often than once an hour");
        }
        try (CoachServer server = CoachServer.start(new CoachConfig(kb, tmp.resolve("trial")),
                Map.of("COACH_DIGEST_MIN_INTERVAL_MINUTES", "1", "COACH_RETRIEVAL_MODE", "bm25"), "127.0.0.1", 0, IndexProgress.SILENT)) {
            assertThat(server.app().coach().handle(everyMinute).text()).startsWith("Subscribed: digest #1");
        }
    }
}
