package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.assertCitedAnswer;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.blockAction;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.slashCommand;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import startupcoach.coach.Feedback;
import startupcoach.config.DatabaseSettings;
import startupcoach.store.JdbcFeedbackLog;
import startupcoach.store.Storage;

/** End to end over HTTP: {@code /coach} through its response URL, and the buttons under an answer. */
class SlackCommandsAndButtonsTest {

    @RegisterExtension
    static final SlackOverHttp http = new SlackOverHttp();

    private static String key() {
        return UUID.randomUUID().toString();
    }

    /** Runs {@code /coach text}; returns the acknowledgement's JSON and asserts it was immediate and ephemeral. */
    private static JsonNode coach(String channel, String text, String responseKey) throws Exception {
        HttpResponse<String> ack = http.client().form(slashCommand(channel, "U1", text, http.slack().responseUrl(responseKey)));
        assertThat(ack.statusCode()).isEqualTo(200);
        JsonNode json = SlackPayloads.JSON.readTree(ack.body());
        assertThat(json.path("response_type").asText()).isEqualTo("ephemeral");
        return json;
    }

    @Test
    void slashCommandIsAcknowledgedAtOnceThenAnsweredThroughTheResponseUrl() throws Exception {
        String ch = channel('C');
        String key = key();
        JsonNode ack = coach(ch, "价格战怎么打？", key);
        assertThat(ack.path("text").asText()).isEqualTo("Looking that up…");

        FakeSlack.Call answer = http.slack().next(key);
        assertThat(answer.method()).isEqualTo("response_url");
        assertThat(answer.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(answer.json().path("replace_original").asBoolean()).isTrue();
        assertCitedAnswer(answer);
        assertThat(http.slack().next(ch, QUIET)).as("nothing posted with the bot token").isNull();
    }

    @Test
    void slashCommandHelpTopicsAndSourceComeFromTheCore() throws Exception {
        String ch = channel('C');
        String help = key();
        String topics = key();
        String source = key();
        coach(ch, "help", help);
        coach(ch, "topics", topics);
        coach(ch, "source 5.2 市场风险", source);

        assertThat(FakeSlack.texts(http.slack().next(help).blocks())).contains("Commands:", "topics —", "source &lt;citation&gt;");
        assertThat(FakeSlack.texts(http.slack().next(topics).blocks())).contains("The knowledge base covers", "《AI大模型创业：如何应对未来价格战？》");
        JsonNode sourceBlocks = http.slack().next(source).blocks();
        assertThat(sourceBlocks.get(0).path("type").asText()).isEqualTo("context");
        assertThat(sourceBlocks.get(0).path("elements").get(0).path("text").asText()).matches("《[^》]+》 › .*5\\.2 市场风险");
        assertThat(FakeSlack.texts(sourceBlocks)).contains("产品和服务优化");
    }

    @Test
    void emptySlashCommandGetsHelpInTheAcknowledgement() throws Exception {
        String key = key();
        JsonNode ack = coach(channel('C'), "", key);
        assertThat(FakeSlack.texts(ack.path("blocks"))).contains("Commands:");
        assertThat(http.slack().next(key, QUIET)).isNull();
    }

    @Test
    void nativeFeedbackButtonsRecordOneVotePerUserAndTheLastClickWins() throws Exception {
        String ch = channel('C');
        FakeSlack.Call answer = askInChannel(ch);
        JsonNode feedback = answer.blocks().findParents("positive_button").get(0);
        assertThat(feedback.path("type").asText()).isEqualTo("feedback_buttons");
        String up = feedback.path("positive_button").path("value").asText();
        String down = feedback.path("negative_button").path("value").asText();

        for (String[] click : new String[][] {{"U2", up}, {"U2", down}, {"U3", up}}) {
            String payload = feedbackClick(ch, click[0], answer, click[1]);
            assertThat(http.client().form(payload).statusCode()).isEqualTo(200);
        }

        List<Feedback> stored = awaitFeedback(ch, 2);
        assertThat(stored).hasSize(2);
        assertThat(stored).filteredOn(f -> f.userId().equals("U2")).singleElement().satisfies(f -> {
            assertThat(f.helpful()).isFalse();
            assertThat(f.citations()).isNotEmpty();
            assertThat(f.question()).isEqualTo("价格战怎么打？");
            assertThat(f.answerRef()).isEqualTo(ch + ":" + answer.ts());
        });
        assertThat(stored).filteredOn(f -> f.userId().equals("U3")).singleElement()
                .satisfies(f -> assertThat(f.helpful()).isTrue());
        assertThat(http.slack().next(ch, QUIET)).as("a vote posts nothing").isNull();
    }

    @Test
    void plainFeedbackButtonOfAnOlderAnswerIsRecordedAndTheButtonRowReplacedWithThanks() throws Exception {
        String ch = channel('C');
        FakeSlack.Call answer = askInChannel(ch);
        String value = new FeedbackValue("价格战怎么打？", List.of("《价格战》 › 1 定价")).encode();
        String key = key();
        String click = blockAction(ch, "U2", answer.ts(), answer.blocks(), answer.param("text"), BlockRenderer.ACTION_HELPFUL,
                value, http.slack().responseUrl(key));
        assertThat(http.client().form(click).statusCode()).isEqualTo(200);
        FakeSlack.Call thanks = http.slack().next(key);
        assertThat(storedFeedback(ch)).singleElement().satisfies(f -> {
            assertThat(f.userId()).isEqualTo("U2");
            assertThat(f.helpful()).isTrue();
            assertThat(f.citations()).isNotEmpty();
        });
        assertThat(thanks.json().path("replace_original").asBoolean()).isTrue();
        JsonNode blocks = thanks.blocks();
        assertThat(blocks.toString()).doesNotContain(BlockRenderer.FEEDBACK_BLOCK_ID).doesNotContain("feedback_buttons");
        assertThat(FakeSlack.texts(blocks)).contains("Thanks for the feedback").contains("》 › ");
        assertThat(blocks.size()).isEqualTo(answer.blocks().size());

        // A second click by the same person on the same message counts once.
        assertThat(http.client().form(click).statusCode()).isEqualTo(200);
        assertThat(http.slack().next(key, QUIET)).isNull();
        assertThat(storedFeedback(ch)).hasSize(1);
    }

    /** A {@code feedback_buttons} click as Slack sends it: the action carries the clicked button's value. */
    private static String feedbackClick(String ch, String user, FakeSlack.Call answer, String value) {
        return blockAction(ch, user, answer.ts(), answer.blocks(), answer.param("text"), BlockRenderer.ACTION_FEEDBACK, value,
                http.slack().responseUrl(key()), "feedback_buttons");
    }

    /** The stored votes once there are {@code n} (clicks are recorded in the background). */
    private static List<Feedback> awaitFeedback(String channel, int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        List<Feedback> stored = storedFeedback(channel);
        while (stored.size() < n && System.currentTimeMillis() < end) {
            Thread.sleep(50);
            stored = storedFeedback(channel);
        }
        Thread.sleep(300);
        return storedFeedback(channel);
    }

    /** The verdicts serve stored for the channel, read from its database (SQLite under the data directory). */
    private static List<Feedback> storedFeedback(String channel) {
        try (Storage storage = Storage.open(DatabaseSettings.fromEnvironment(Map.of(), TestServers.config().dataDir()))) {
            return new JdbcFeedbackLog(storage.database()).forConversation("slack", channel);
        }
    }

    @Test
    void fullSectionButtonSendsTheSectionTextOnlyToTheClicker() throws Exception {
        String ch = channel('C');
        FakeSlack.Call answer = askInChannel(ch);
        String citation = buttonValue(answer.blocks(), BlockRenderer.ACTION_FULL_SECTION);
        assertThat(citation).startsWith("《");
        String key = key();
        String click = blockAction(ch, "U2", answer.ts(), answer.blocks(), answer.param("text"), BlockRenderer.ACTION_FULL_SECTION,
                citation, http.slack().responseUrl(key));
        assertThat(http.client().form(click).statusCode()).isEqualTo(200);

        FakeSlack.Call section = http.slack().next(key);
        assertThat(section.json().path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(section.json().path("replace_original").asBoolean()).isFalse();
        JsonNode blocks = section.blocks();
        assertThat(blocks.get(0).path("elements").get(0).path("text").asText()).isEqualTo(Mrkdwn.escape(citation));
        assertThat(blocks.size()).isGreaterThan(1);
        assertThat(http.slack().next(ch, QUIET)).as("no post into the channel").isNull();
    }

    private static FakeSlack.Call askInChannel(String ch) throws Exception {
        assertThat(http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", ts()), eventId())).statusCode()).isEqualTo(200);
        FakeSlack.Call answer = http.slack().next(ch);
        assertCitedAnswer(answer);
        return answer;
    }

    private static String buttonValue(JsonNode blocks, String actionId) {
        for (JsonNode element : blocks.findParents("action_id")) {
            if (element.path("action_id").asText().equals(actionId)) {
                return element.path("value").asText();
            }
        }
        throw new AssertionError("no " + actionId + " button in " + blocks);
    }
}
