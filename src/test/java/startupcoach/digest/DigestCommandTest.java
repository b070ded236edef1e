package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.store.Storage;
import startupcoach.store.TestClock;
import startupcoach.store.TestDatabases;

/** The chat command, through a {@link Coach} as the platforms call it. */
class DigestCommandTest {

    @TempDir
    static Path shared;
    private static Knowledge knowledge;
    @TempDir
    Path tmp;
    private Storage storage;
    private Coach coach;
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:30:00Z")); // Monday

    @BeforeAll
    static void loadKnowledge() {
        knowledge = Knowledge.small(shared);
    }

    @AfterAll
    static void closeKnowledge() throws Exception {
        knowledge.close();
    }

    private WebhookPlatforms webhooks;

    @BeforeEach
    void setUp() {
        // The command knows no platform: the one whose sink posts through webhooks says so, here as serve's wiring would.
        webhooks = new WebhookPlatforms();
        webhooks.register("dingtalk", "Add a custom robot to the group");
        storage = new Storage(TestDatabases.open(TestDatabases.Kind.SQLITE, tmp));
        coach = new Coach((m, q) -> Reply.of(ReplyKind.ANSWER, "answer"))
                .register(new DigestCommand(storage.digests(), knowledge.composer(), ZoneId.of("UTC"), clock, Schedule.MIN_INTERVAL,
                        webhooks).asCommand());
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private Reply say(String platform, String conversation, String text) {
        return coach.handle(new IncomingMessage(platform, conversation, "U1", text));
    }

    private Reply say(String text) {
        return say("slack", "C1", text);
    }

    private List<Subscription> subscriptions() {
        return storage.digests().subscriptions().active("slack", "C1");
    }

    @Test
    void dailyWithZoneAndTopicsSubscribesAndSaysWhenTheFirstPostComes() {
        Reply reply = say("digest daily 09:00 tz=Asia/Shanghai topics=risk,pricing,marketing");
        assertThat(reply.kind()).isEqualTo(ReplyKind.DIGEST);
        Subscription s = subscriptions().get(0);
        assertThat(s.schedule()).isEqualTo(Schedule.daily(java.time.LocalTime.of(9, 0)));
        assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(s.topics()).containsExactly(DigestTopic.RISK, DigestTopic.PRICING, DigestTopic.MARKETING);
        assertThat(s.createdBy()).isEqualTo("U1");
        assertThat(reply.text()).contains("#" + s.id(), "daily at 09:00", "Asia/Shanghai", "risk, pricing, marketing",
                "next Mon 2025-03-03 09:00", "digest stop " + s.id());
    }

    @Test
    void withoutTzTheConfiguredDefaultZoneAndAllTopicsApply() {
        say("digest daily 7:05");
        Subscription s = subscriptions().get(0);
        assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.topics()).isEmpty();
        assertThat(s.schedule().expression()).isEqualTo("07:05");
    }

    @Test
    void weeklyTakesOneOrSeveralDaysInEnglishOrChinese() {
        assertThat(say("digest weekly mon 09:00 topics=brand").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(say("digest weekly mon,thu 18:30").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(say("digest 每周 周五 08:00 topics=融资").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(subscriptions()).extracting(s -> s.schedule().expression())
                .containsExactly("mon 09:00", "mon,thu 18:30", "fri 08:00");
        assertThat(subscriptions().get(2).topics()).containsExactly(DigestTopic.FUNDING);
    }

    @Test
    void cronIsAcceptedQuotedCurlyQuotedOrAsFiveBareFields() {
        assertThat(say("digest cron \"0 9 * * 1-5\" tz=Europe/Berlin topics=team").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(say("digest cron \u201C0 18 * * 5\u201D").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(say("digest cron 30 7 1 * * topics=legal").kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(subscriptions()).extracting(s -> s.schedule().expression()).containsExactly("0 9 * * 1-5", "0 18 * * 5", "30 7 1 * *");
        assertThat(subscriptions().get(0).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void topicsMayBeChineseWordsAliasesOrSplitAfterACommaAndZonesAnyCase() {
        say("digest daily 09:00 tz=asia/shanghai topics=风险，定价, business-model");
        Subscription s = subscriptions().get(0);
        assertThat(s.topics()).containsExactly(DigestTopic.RISK, DigestTopic.PRICING, DigestTopic.BUSINESS_MODEL);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void listShowsOnlyThisConversationsDigests() {
        assertThat(say("digest list").text()).contains("No digests in this conversation yet");
        say("digest daily 09:00 topics=risk");
        say("slack", "C2", "digest weekly fri 17:00");
        Reply list = say("digest list");
        assertThat(list.kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(list.text()).contains("daily at 09:00 (UTC), topics: risk").doesNotContain("fri");
    }

    @Test
    void stopEndsOnlyThisConversationsDigest() {
        say("digest daily 09:00");
        long id = subscriptions().get(0).id();
        Reply elsewhere = say("slack", "C2", "digest stop " + id);
        assertThat(elsewhere.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(elsewhere.text()).contains("no active digest #" + id + " in this conversation");
        assertThat(say("digest stop #" + id).text()).contains("Stopped digest #" + id);
        assertThat(subscriptions()).isEmpty();
        assertThat(say("digest stop " + id).kind()).isEqualTo(ReplyKind.ERROR);
    }

    @Test
    void previewShowsADigestAndRecordsNothing() {
        say("digest daily 09:00 topics=risk");
        Reply preview = say("digest preview");
        assertThat(preview.kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(preview.text()).contains("nothing was posted or recorded", "Startup digest · risk", "— 《创业手册》 › ");
        Reply pricing = say("digest preview topics=pricing");
        assertThat(pricing.text()).contains("价格战中要守住利润底线。");
        long id = subscriptions().get(0).id();
        assertThat(storage.digests().slots().claims(id)).isEmpty();
        assertThat(storage.digests().slots().sentCounts("slack", "C1")).isEmpty();
    }

    @Test
    void webhookIsStoredForDingTalkGroupsAndNeverEchoed() {
        String url = "https://oapi.dingtalk.com/robot/send?access_token=tok123";
        Reply subscribed = say("dingtalk", "G1", "digest daily 09:00");
        assertThat(subscribed.text()).contains("no webhook yet", "Add a custom robot to the group, then send: digest webhook <url> <secret>");
        Reply saved = say("dingtalk", "G1", "digest webhook " + url + " SECabc");
        assertThat(saved.kind()).isEqualTo(ReplyKind.DIGEST);
        assertThat(saved.text()).contains("https://oapi.dingtalk.com/robot/send").doesNotContain("SECabc").doesNotContain("tok123");
        assertThat(storage.digests().subscriptions().webhook("dingtalk", "G1")).contains(new RobotWebhook(url, "SECabc"));
        assertThat(say("dingtalk", "G1", "digest weekly mon 09:00").text()).doesNotContain("no webhook");
    }

    @Test
    void webhookMistakesAndOtherPlatformsGetAClearReply() {
        assertThat(say("digest webhook https://x.example/hook SEC1").text()).contains("Conversations on slack need no webhook");
        assertThat(say("dingtalk", "G1", "digest webhook https://oapi.dingtalk.com/robot/send?access_token=t").text())
                .contains("webhook URL and its signing secret").contains("Usage:");
        assertThat(say("dingtalk", "G1", "digest webhook http://oapi.dingtalk.com/robot/send SEC1").text()).contains("https://");
        assertThat(storage.digests().subscriptions().webhook("dingtalk", "G1")).isEmpty();
    }

    @Test
    void aConversationCannotHaveMoreThanTenDigests() {
        for (int i = 0; i < DigestCommand.MAX_PER_CONVERSATION; i++) {
            assertThat(say("digest daily 0" + (i % 10) + ":00").kind()).isEqualTo(ReplyKind.DIGEST);
        }
        Reply eleventh = say("digest daily 23:00");
        assertThat(eleventh.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(eleventh.text()).contains("already has 10 digests");
    }

    @Test
    void bareDigestAndDigestHelpShowUsage() {
        assertThat(say("digest").kind()).isEqualTo(ReplyKind.HELP);
        assertThat(say("digest help").text()).contains("digest weekly mon 09:00", "digest cron", "Topics: risk (风险)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "digest daily 25:00                              | 25:00\u201D is not a time of day",
            "digest daily 9                                  | is not a time of day",
            "digest daily 09:60                              | is not a time of day",
            "digest daily                                    | Say when",
            "digest daily tz=UTC                             | Say when",
            "digest daily 09:00 tz=Mars/Base                 | Unknown time zone \u201CMars/Base\u201D",
            "digest daily 09:00 topics=astrology             | Unknown topic \u201Castrology\u201D. Topics: risk (风险), pricing",
            "digest daily 09:00 topics=                      | topics= is empty",
            "digest daily 09:00 color=red                    | Unknown option \u201Ccolor=\u201D",
            "digest daily 09:00 extra                        | Unexpected \u201Cextra\u201D",
            "digest weekly funday 09:00                      | \u201Cfunday\u201D is not a day of the week",
            "digest weekly mon                               | Say which day and when",
            "digest weekly 09:00 mon                         | is not a day of the week",
            "digest cron                                     | Give a cron expression",
            "digest cron \"0 9 * *\"                         | contains 4 parts but we expect one of [5]",
            "digest cron 0 9 * *                             | five fields",
            "digest cron \"0 9 * * 1-5                       | quote is not closed",
            "digest cron \"*/5 * * * *\"                     | more often than once an hour",
            "digest cron \"0 25 * * *\"                      | not a UNIX cron expression",
            "digest cron \"0 9 * * 1-5\" tz=Nowhere          | Unknown time zone",
            "digest list everything                          | Unexpected \u201Ceverything\u201D",
            "digest stop                                     | Say which digest",
            "digest stop abc                                 | \u201Cabc\u201D is not a digest id",
            "digest preview tz=UTC                           | tz= is only for subscribing",
            "digest preview topics=astrology                 | Unknown topic",
            "digest frobnicate                               | Unknown digest command \u201Cfrobnicate\u201D",
    })
    void everyMistakeGetsAnErrorReplyWithUsage(String command, String expected) {
        Reply reply = say(command.strip());
        assertThat(reply.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(reply.text()).contains(expected.strip()).contains("Usage:").contains("digest daily 09:00");
        assertThat(subscriptions()).isEmpty();
    }
}
