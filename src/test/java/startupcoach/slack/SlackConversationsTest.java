package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.directMessage;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end over HTTP: the real server on a random port, signed requests, and the exact Web API
 * calls Slack would receive. Covers where answers go (threads, DMs), what is ignored, and that
 * each message is answered once.
 */
class SlackConversationsTest {

    static final Duration QUIET = Duration.ofMillis(600);
    @RegisterExtension
    static final SlackOverHttp http = new SlackOverHttp();

    static String channel(char kind) {
        return kind + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase();
    }

    /**
     * Asserts an answer to a pricing question: citations (as context lines, or as {@code [n] 《title》 › …}
     * lines of the markdown block), full-section buttons, Slack's feedback buttons, a fallback text.
     */
    static void assertCitedAnswer(FakeSlack.Call call) {
        JsonNode blocks = call.blocks();
        assertThat(blocks.size()).isBetween(3, BlockRenderer.MAX_BLOCKS);
        boolean cited = false;
        for (JsonNode b : blocks) {
            if (b.path("type").asText().equals("context")) {
                cited |= b.path("elements").get(0).path("text").asText().matches("《[^》]+》 › .+");
            }
            if (b.path("type").asText().equals("markdown")) {
                assertThat(b.path("text").asText()).hasSizeLessThanOrEqualTo(BlockRenderer.MAX_MARKDOWN_CHARS);
                cited |= b.path("text").asText().lines().anyMatch(l -> l.matches("\\[\\d+] 《[^》]+》 › .+"));
            }
        }
        assertThat(cited).as("a citation 《title》 › heading path in %s", blocks).isTrue();
        assertThat(blocks.findValues("type")).extracting(JsonNode::asText).contains("context_actions", "feedback_buttons");
        assertThat(blocks.toString()).contains(BlockRenderer.ACTION_FEEDBACK, BlockRenderer.ACTION_FULL_SECTION);
        String text = call.param("text") != null ? call.param("text") : call.json().path("text").asText();
        assertThat(text).isNotBlank().hasSizeLessThanOrEqualTo(BlockRenderer.MAX_FALLBACK_CHARS);
    }

    @Test
    void answersAMentionInTheThreadOfTheMention() throws Exception {
        String ch = channel('C');
        String ts = ts();
        HttpResponse<String> r = http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", ts), eventId()));
        assertThat(r.statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(ch);
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.param("channel")).isEqualTo(ch);
        assertThat(post.param("thread_ts")).isEqualTo(ts);
        assertCitedAnswer(post);
        assertThat(http.slack().next(ch, QUIET)).isNull();
    }

    @Test
    void answersAMentionInsideAThreadInThatThread() throws Exception {
        String ch = channel('C');
        String parent = ts();
        ObjectNode mention = appMention(ch, "U1", "How should we price against competitors?", ts()).put("thread_ts", parent);
        assertThat(http.client().json(envelope(mention, eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(ch);
        assertThat(post.param("thread_ts")).isEqualTo(parent);
        assertCitedAnswer(post);
    }

    @Test
    void answersADirectMessageInTheDm() throws Exception {
        String dm = channel('D');
        assertThat(http.client().json(envelope(directMessage(dm, "U1", "价格战怎么打？", ts()), eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(dm);
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.param("channel")).isEqualTo(dm);
        assertThat(post.form()).doesNotContainKey("thread_ts");
        assertCitedAnswer(post);
    }

    @Test
    void answersADirectMessageInAThreadInThatThread() throws Exception {
        String dm = channel('D');
        String parent = ts();
        ObjectNode message = directMessage(dm, "U1", "品牌建设有哪些策略？", ts()).put("thread_ts", parent).put("parent_user_id", "U1");
        assertThat(http.client().json(envelope(message, eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(dm);
        assertThat(post.param("thread_ts")).isEqualTo(parent);
        assertCitedAnswer(post);
    }

    @Test
    void ignoresBotOwnEditedAndSubtypedMessagesAndChannelChatter() throws Exception {
        String dm = channel('D');
        ObjectNode fromABot = directMessage(dm, "U9", "价格战怎么打？", ts()).put("bot_id", "B999");
        ObjectNode botMessage = directMessage(dm, "U9", "价格战怎么打？", ts()).put("subtype", "bot_message").put("bot_id", "B999");
        ObjectNode own = directMessage(dm, FakeSlack.BOT_USER, "价格战怎么打？", ts());
        ObjectNode edited = directMessage(dm, "U1", "价格战怎么打？", ts()).put("subtype", "message_changed");
        edited.set("message", directMessage(dm, "U1", "价格战怎么打？(edited)", ts()));
        ObjectNode editedMention = appMention(dm, "U1", "价格战怎么打？", ts());
        editedMention.putObject("edited").put("user", "U1").put("ts", ts());
        ObjectNode joined = directMessage(dm, "U1", "joined", ts()).put("subtype", "channel_join");
        ObjectNode channelChatter = directMessage(dm, "U1", "价格战怎么打？", ts()).put("channel_type", "channel");
        for (ObjectNode e : new ObjectNode[] {fromABot, botMessage, own, edited, editedMention, joined, channelChatter}) {
            assertThat(http.client().json(envelope(e, eventId())).statusCode()).as(e.toString()).isEqualTo(200);
        }
        // Filtering happens before the acknowledgement, so a question sent now is the first thing answered.
        String sentinelThread = ts();
        ObjectNode sentinel = directMessage(dm, "U1", "融资", ts()).put("thread_ts", sentinelThread);
        assertThat(http.client().json(envelope(sentinel, eventId())).statusCode()).isEqualTo(200);
        FakeSlack.Call first = http.slack().next(dm);
        assertThat(first.param("thread_ts")).isEqualTo(sentinelThread);
        assertThat(http.slack().next(dm, QUIET)).isNull();
    }

    @Test
    void aMentionThatAlsoArrivesAsAMessageIsAnsweredOnce() throws Exception {
        String dm = channel('D');
        String ts = ts();
        ObjectNode mention = appMention(dm, "U1", "价格战怎么打？", ts);
        ObjectNode twin = directMessage(dm, "U1", mention.get("text").asText(), ts)
                .put("client_msg_id", mention.get("client_msg_id").asText());
        assertThat(http.client().json(envelope(mention, eventId())).statusCode()).isEqualTo(200);
        assertThat(http.client().json(envelope(twin, eventId())).statusCode()).isEqualTo(200);

        assertThat(http.slack().next(dm).method()).isEqualTo("chat.postMessage");
        assertThat(http.slack().next(dm, QUIET)).isNull();
    }

    @Test
    void anEventRetriedThreeTimesIsAnsweredOnce() throws Exception {
        String ch = channel('C');
        String body = envelope(appMention(ch, "U1", "价格战怎么打？", ts()), eventId());
        assertThat(http.client().json(body).statusCode()).isEqualTo(200);
        assertThat(http.client().json(body, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
                .isEqualTo(200);
        assertThat(http.client().json(body, Map.of("X-Slack-Retry-Num", "2", "X-Slack-Retry-Reason", "http_timeout")).statusCode())
                .isEqualTo(200);

        assertThat(http.slack().next(ch).method()).isEqualTo("chat.postMessage");
        assertThat(http.slack().next(ch, QUIET)).isNull();
    }

    @Test
    void aMentionWithoutAQuestionGetsHelp() throws Exception {
        String ch = channel('C');
        ObjectNode mention = appMention(ch, "U1", "", ts());
        assertThat(http.client().json(envelope(mention, eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(ch);
        assertThat(FakeSlack.texts(post.blocks())).contains("Commands:", "topics", "source");
    }

    @Test
    void aFortyThousandCharacterMessageIsAnsweredWithANote() throws Exception {
        String dm = channel('D');
        String text = "价格战怎么打？" + "我们的产品和竞争对手很像，".repeat(4000);
        text = text.substring(0, 40_000);
        assertThat(http.client().json(envelope(directMessage(dm, "U1", text, ts()), eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call post = http.slack().next(dm);
        assertThat(FakeSlack.texts(post.blocks())).contains("40000 characters long", "I answered its first");
        assertCitedAnswer(post);
    }

    @Test
    void postsIntoOneChannelAtMostAboutOncePerSecond() throws Exception {
        String ch = channel('C');
        assertThat(http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", ts()), eventId())).statusCode()).isEqualTo(200);
        assertThat(http.client().json(envelope(appMention(ch, "U2", "品牌建设有哪些策略？", ts()), eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call first = http.slack().next(ch);
        FakeSlack.Call second = http.slack().next(ch);
        assertThat(Duration.ofNanos(second.atNanos() - first.atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterAndPostedOnce() throws Exception {
        String ch = channel('C');
        http.slack().rateLimitNextPosts(ch, 1);
        assertThat(http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", ts()), eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call limited = http.slack().next(ch);
        FakeSlack.Call retried = http.slack().next(ch);
        assertThat(limited.ts()).as("answered 429").isNull();
        assertThat(retried.method()).isEqualTo("chat.postMessage");
        assertThat(retried.ts()).as("answered 200").isNotNull();
        assertThat(retried.form()).isEqualTo(limited.form());
        assertThat(Duration.ofNanos(retried.atNanos() - limited.atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(http.slack().next(ch, QUIET)).isNull();
    }
}
