package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.blockAction;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.slashCommand;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;
import startupcoach.coach.Feedback;
import startupcoach.config.DatabaseSettings;
import startupcoach.digest.DigestTopic;
import startupcoach.digest.Subscription;
import startupcoach.store.JdbcFeedbackLog;
import startupcoach.store.Storage;
import startupcoach.store.TestDatabases;

/**
 * Two replicas of the real server behind one Slack app, on one PostgreSQL (as behind a load
 * balancer): a retried event reaching the other replica is not answered again, a 👍 lands in the
 * database whichever replica gets the click, and a digest subscribed through one is listed by the other.
 */
class SlackSharedStateTest {

    private static final Pattern SUBSCRIBED = Pattern.compile("Subscribed: digest #(\\d+)");

    static FakeSlack slack;
    static CoachServer replicaA;
    static CoachServer replicaB;
    static SignedClient toA;
    static SignedClient toB;
    static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        DatabaseSettings db = TestDatabases.settings(TestDatabases.Kind.POSTGRESQL, Path.of("target"));
        Map<String, String> env = Map.of("DATABASE_URL", db.jdbcUrl(), "COACH_RETRIEVAL_MODE", "bm25",
                "SLACK_PLACEHOLDER_AFTER_MS", "30000");
        replicaA = TestServers.startHttp(slack, env);
        replicaB = TestServers.startHttp(slack, env);
        toA = new SignedClient(replicaA.port(), TestServers.SIGNING_SECRET);
        toB = new SignedClient(replicaB.port(), TestServers.SIGNING_SECRET);
        storage = Storage.open(db);
    }

    @AfterAll
    static void stop() throws Exception {
        replicaA.close();
        replicaB.close();
        storage.close();
        slack.close();
    }

    @Test
    void eventRetriedToTheOtherReplicaIsAnsweredOnce() throws Exception {
        String ch = channel('C');
        String ts = ts();
        String event = envelope(appMention(ch, "U1", "价格战怎么打？", ts), eventId());

        assertThat(toA.json(event).statusCode()).isEqualTo(200);
        assertThat(toB.json(event, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
                .isEqualTo(200);

        FakeSlack.Call answer = slack.next(ch);
        assertThat(answer.method()).isEqualTo("chat.postMessage");
        assertThat(answer.param("thread_ts")).isEqualTo(ts);
        assertThat(slack.next(ch, QUIET)).as("the retry on replica B posts nothing").isNull();
    }

    @Test
    void feedbackClickedOnEitherReplicaIsStoredOnce() throws Exception {
        String ch = channel('C');
        toA.json(envelope(appMention(ch, "U1", "价格战怎么打？", ts()), eventId()));
        FakeSlack.Call answer = slack.next(ch);
        String value = feedbackValue(answer.blocks());
        String click = blockAction(ch, "U7", answer.ts(), answer.blocks(), answer.param("text"), BlockRenderer.ACTION_FEEDBACK,
                value, slack.responseUrl("thanks-" + ch), "feedback_buttons");

        assertThat(toB.form(click).statusCode()).isEqualTo(200);
        assertThat(toA.form(click).statusCode()).as("the same click again, on the other replica").isEqualTo(200);
        long end = System.currentTimeMillis() + 10_000;
        while (new JdbcFeedbackLog(storage.database()).forConversation("slack", ch).isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(slack.next("thanks-" + ch, QUIET)).as("Slack shows the vote itself").isNull();

        List<Feedback> stored = new JdbcFeedbackLog(storage.database()).forConversation("slack", ch);
        assertThat(stored).singleElement().satisfies(f -> {
            assertThat(f.userId()).isEqualTo("U7");
            assertThat(f.helpful()).isTrue();
            assertThat(f.question()).isEqualTo("价格战怎么打？");
            assertThat(f.citations()).isNotEmpty();
        });
    }

    @Test
    void digestSubscribedThroughTheSlashCommandIsStoredForTheChannelAndListedByEitherReplica() throws Exception {
        String ch = channel('C');
        String subscribed = command(toA, ch, "digest daily 09:00 topics=risk");
        Matcher id = SUBSCRIBED.matcher(subscribed);
        assertThat(id.find()).as(subscribed).isTrue();

        String listed = command(toB, ch, "digest list");

        assertThat(listed).contains("#" + id.group(1) + " — daily at 09:00 (UTC), topics: risk");
        assertThat(command(toB, channel('C'), "digest list")).as("another channel").contains("No digests in this conversation");
        List<Subscription> stored = storage.digests().subscriptions().active("slack", ch);
        assertThat(stored).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(Long.parseLong(id.group(1)));
            assertThat(s.conversationId()).isEqualTo(ch);
            assertThat(s.topics()).containsExactly(DigestTopic.RISK);
            assertThat(s.schedule().describe()).isEqualTo("daily at 09:00");
            assertThat(s.createdBy()).isEqualTo("U1");
        });
    }

    /** {@code /coach <text>} in the channel; returns the text of the answer posted to the response URL. */
    private static String command(SignedClient replica, String ch, String text) throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(replica.form(slashCommand(ch, "U1", text, slack.responseUrl(key))).statusCode()).isEqualTo(200);
        return slack.next(key).json().path("text").asText();
    }

    /** The 👍 value of the answer's native feedback buttons. */
    private static String feedbackValue(JsonNode blocks) {
        List<JsonNode> buttons = blocks.findParents("positive_button");
        if (buttons.isEmpty()) {
            throw new AssertionError("no feedback buttons in " + blocks);
        }
        return buttons.get(0).path("positive_button").path("value").asText();
    }
}
