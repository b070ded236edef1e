package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.assertCitedAnswer;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.directMessage;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The assistant panel through the real entry point: signed {@code POST /slack/events} with the
 * panel's events, and the exact {@code assistant.threads.*} and {@code chat.postMessage} calls on the
 * fake Web API.
 */
class SlackAssistantPanelTest {

    @RegisterExtension
    static final SlackOverHttp http = new SlackOverHttp();

    private static String event(String name, String dm, String threadTs) throws IOException {
        try (InputStream in = SlackAssistantPanelTest.class.getResourceAsStream("/slack/assistant/" + name + ".json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("CHANNEL", dm).replace("THREAD_TS", threadTs);
            return envelope(SlackPayloads.JSON.readTree(json), eventId());
        }
    }

    @Test
    void aNewAssistantThreadGetsSuggestedPromptsFromTheKnowledgeBase() throws Exception {
        String dm = channel('D');
        String thread = ts();

        assertThat(http.client().json(event("assistant_thread_started", dm, thread)).statusCode()).isEqualTo(200);

        FakeSlack.Call prompts = http.slack().next(FakeSlack.ASSISTANT + dm);
        assertThat(prompts.method()).isEqualTo("assistant.threads.setSuggestedPrompts");
        assertThat(prompts.param("channel_id")).isEqualTo(dm);
        assertThat(prompts.param("thread_ts")).isEqualTo(thread);
        assertThat(prompts.param("title")).isEqualTo("可以这样问");
        JsonNode list = SlackPayloads.JSON.readTree(prompts.param("prompts"));
        assertThat(list.size()).isBetween(1, AssistantPanel.MAX_PROMPTS);
        for (JsonNode p : list) {
            assertThat(p.path("title").asText()).isNotBlank();
            assertThat(p.path("message").asText()).startsWith("《").contains("》中关于「");
        }
        assertThat(http.slack().next(dm, QUIET)).as("no message is posted").isNull();
    }

    @Test
    void aChangedContextIsAcknowledgedAndCallsNothing() throws Exception {
        String dm = channel('D');

        assertThat(http.client().json(event("assistant_thread_context_changed", dm, ts())).statusCode()).isEqualTo(200);

        assertThat(http.slack().next(FakeSlack.ASSISTANT + dm, QUIET)).isNull();
        assertThat(http.slack().next(dm, QUIET)).isNull();
    }

    @Test
    void aQuestionInAnAssistantThreadSetsTheStatusAtOnceThenIsAnsweredOnceInThatThread() throws Exception {
        String dm = channel('D');
        String thread = ts();
        ObjectNode question = directMessage(dm, "U0FOUNDER1", "价格战怎么打？", ts()).put("thread_ts", thread);
        String delivery = envelope(question, eventId());

        assertThat(http.client().json(delivery).statusCode()).isEqualTo(200);
        assertThat(http.client().json(delivery).statusCode()).as("Slack's retry").isEqualTo(200);

        FakeSlack.Call status = http.slack().next(FakeSlack.ASSISTANT + dm);
        assertThat(status.method()).isEqualTo("assistant.threads.setStatus");
        assertThat(status.param("thread_ts")).isEqualTo(thread);
        assertThat(status.param("status")).isEqualTo("正在检索知识库…");
        FakeSlack.Call title = http.slack().next(FakeSlack.ASSISTANT + dm);
        assertThat(title.method()).isEqualTo("assistant.threads.setTitle");
        assertThat(title.param("title")).isEqualTo("价格战怎么打？");

        FakeSlack.Call reply = http.slack().next(dm);
        assertThat(reply.method()).isEqualTo("chat.postMessage");
        assertThat(reply.param("thread_ts")).isEqualTo(thread);
        assertThat(reply.atNanos()).isGreaterThan(status.atNanos());
        assertCitedAnswer(reply);
        assertThat(http.slack().next(dm, QUIET)).as("one reply, no placeholder, nothing for the retry").isNull();

        // A second question in the same thread: the status again, the title stays the first question's.
        String follow = envelope(directMessage(dm, "U0FOUNDER1", "How do we control market risk?", ts()).put("thread_ts", thread),
                eventId());
        assertThat(http.client().json(follow).statusCode()).isEqualTo(200);
        assertThat(http.slack().next(FakeSlack.ASSISTANT + dm).method()).isEqualTo("assistant.threads.setStatus");
        assertThat(http.slack().next(dm).param("thread_ts")).isEqualTo(thread);
        assertThat(http.slack().next(FakeSlack.ASSISTANT + dm, QUIET)).as("no second title").isNull();
    }
}
