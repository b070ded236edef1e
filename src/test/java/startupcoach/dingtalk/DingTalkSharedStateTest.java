package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;
import startupcoach.coach.Feedback;
import startupcoach.config.DatabaseSettings;
import startupcoach.digest.DigestTopic;
import startupcoach.digest.RobotWebhook;
import startupcoach.digest.Subscription;
import startupcoach.retrieve.IndexProgress;
import startupcoach.store.JdbcFeedbackLog;
import startupcoach.store.Storage;
import startupcoach.store.TestDatabases;

/**
 * Two replicas of the real server with DingTalk's HTTP callback, on one PostgreSQL: a redelivered
 * msgId reaching the other replica is dropped, feedback given through either replica rates the
 * answer and lands in the database, and {@code @bot
 * digest …} subscribes the group (its openConversationId) and stores its robot without echoing it.
 */
class DingTalkSharedStateTest {

    static final String SECRET = "rP8-sharedState-Xq2Lw9Nv4Zc7Hb1Pd5Sf3Jm";
    private static final Pattern SUBSCRIBED = Pattern.compile("Subscribed: digest #(\\d+)");

    private static DingTalkMock dingtalk;
    private static CoachServer replicaA;
    private static CoachServer replicaB;
    private static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        dingtalk = new DingTalkMock();
        DatabaseSettings db = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, Path.of("target"));
        Map<String, String> env = Map.of("DINGTALK_APP_SECRET", SECRET, "DINGTALK_MODE", "http",
                "DINGTALK_API_URL", dingtalk.apiUrl(), "DATABASE_URL", db.jdbcUrl(), "COACH_RETRIEVAL_MODE", "bm25",
                "COACH_RATE_USER_PER_MINUTE", "0", "COACH_RATE_CHANNEL_PER_MINUTE", "0");
        replicaA = CoachServer.start(TestData.config(), env, "127.0.0.1", 0, IndexProgress.SILENT);
        replicaB = CoachServer.start(TestData.config(), env, "127.0.0.1", 0, IndexProgress.SILENT);
        storage = Storage.open(db);
    }

    @AfterAll
    static void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        storage.close();
        dingtalk.close();
    }

    /** A group message in conversation {@code cid} saying {@code text}, replying to a fresh session webhook. */
    private static ObjectNode groupMessage(String cid, String text) {
        ObjectNode m = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), text);
        m.put("conversationId", cid);
        return m;
    }

    /** Posts to the replica and returns the markdown it sent back to the group. */
    private static String ask(CoachServer replica, ObjectNode message) throws Exception {
        assertThat(Signed.post(replica.port(), SECRET, Payloads.text(message)).statusCode()).isEqualTo(200);
        JsonNode reply = DingTalkMock.body(dingtalk.take());
        return reply.path("markdown").path("text").asText();
    }

    @Test
    void messageRedeliveredToTheOtherReplicaIsAnsweredOnceAndFeedbackIsStored() throws Exception {
        String cid = "cidRedelivery0Q2XGd8fR8sVa==";
        ObjectNode question = groupMessage(cid, " 价格战怎么打？");

        assertThat(Signed.post(replicaA.port(), SECRET, Payloads.text(question)).statusCode()).isEqualTo(200);
        assertThat(Signed.post(replicaB.port(), SECRET, Payloads.text(question)).statusCode()).isEqualTo(200);

        assertThat(DingTalkMock.body(dingtalk.take()).path("markdown").path("text").asText()).contains("[1] 《");
        assertThat(dingtalk.poll(600)).as("the redelivery on replica B sends nothing").isNull();

        // "有用" reaching the other replica rates the same answer: the last answer of a conversation
        // comes from the shared question log; the verdict goes to the shared table.
        assertThat(ask(replicaB, groupMessage(cid, " 有用"))).contains(FeedbackCommands.THANKS);
        List<Feedback> stored = new JdbcFeedbackLog(storage.database()).forConversation("dingtalk", cid);
        assertThat(stored).singleElement().satisfies(f -> {
            assertThat(f.helpful()).isTrue();
            assertThat(f.question()).isEqualTo("价格战怎么打？");
            assertThat(f.userId()).isEqualTo("manager4821");
            assertThat(f.citations()).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("《"));
        });
    }

    @Test
    void digestCommandSubscribesTheGroupAndStoresItsRobotWithoutEchoingIt() throws Exception {
        String cid = "cidDigest7Rm1TZqUzHBx4dYQ8Yw==";
        String subscribed = ask(replicaA, groupMessage(cid, "@startup-coach digest daily 09:00 topics=risk"));
        Matcher id = SUBSCRIBED.matcher(subscribed);
        assertThat(id.find()).as(subscribed).isTrue();
        assertThat(subscribed).as("markdown would hide <url> as a tag").contains("digest webhook ‹url› ‹secret›");

        String token = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
        String secret = "SEC4b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0";
        String url = "https://oapi.dingtalk.com/robot/send?access_token=" + token;
        String saved = ask(replicaB, groupMessage(cid, "digest webhook " + url + " " + secret));
        String listed = ask(replicaB, groupMessage(cid, "digest list"));

        assertThat(saved).contains("https://oapi.dingtalk.com/robot/send").doesNotContain(token, secret, "access_token");
        assertThat(listed).contains("#" + id.group(1) + " — daily at 09:00 (UTC), topics: risk");
        List<Subscription> stored = storage.digests().subscriptions().active("dingtalk", cid);
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(Long.parseLong(id.group(1)));
            assertThat(s.topics()).containsExactly(DigestTopic.RISK);
            assertThat(s.createdBy()).isEqualTo("manager4821");
        });
        assertThat(storage.digests().subscriptions().webhook("dingtalk", cid)).contains(new RobotWebhook(url, secret));
    }
}
