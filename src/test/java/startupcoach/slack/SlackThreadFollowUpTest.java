package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.directMessage;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed {@code message.channels} events over HTTP: a reply in a thread where the bot answered is
 * answered without a new @mention, in that thread; other threads and the bot's own messages are not.
 */
class SlackThreadFollowUpTest {

    @RegisterExtension
    static final SlackOverHttp http = new SlackOverHttp();

    /** A plain channel message inside a thread, as {@code message.channels} delivers it. */
    private static ObjectNode threadReply(String channel, String user, String text, String threadTs) {
        return directMessage(channel, user, text, ts()).put("channel_type", "channel").put("thread_ts", threadTs)
                .put("parent_user_id", "U1");
    }

    @Test
    void aReplyInAThreadTheBotAnsweredIsAnsweredThereWithoutAMention() throws Exception {
        String ch = SlackConversationsTest.channel('C');
        String thread = ts();
        assertThat(http.client().json(envelope(appMention(ch, "U1", "我们的API产品该怎么定价？", thread), eventId())).statusCode())
                .isEqualTo(200);
        assertThat(http.slack().next(ch).param("thread_ts")).isEqualTo(thread);

        assertThat(http.client().json(envelope(threadReply(ch, "U1", "那企业客户呢？", thread), eventId())).statusCode())
                .isEqualTo(200);
        FakeSlack.Call followUp = http.slack().next(ch);
        assertThat(followUp.method()).isEqualTo("chat.postMessage");
        assertThat(followUp.param("thread_ts")).isEqualTo(thread);
        SlackConversationsTest.assertCitedAnswer(followUp);
        assertThat(http.slack().next(ch, SlackConversationsTest.QUIET)).isNull();
    }

    @Test
    void neverAnswersOtherThreadsOrTopLevelChatterOrItsOwnMessages() throws Exception {
        String ch = SlackConversationsTest.channel('C');
        String answered = ts();
        assertThat(http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", answered), eventId())).statusCode())
                .isEqualTo(200);
        assertThat(http.slack().next(ch).param("thread_ts")).isEqualTo(answered);

        ObjectNode otherThread = threadReply(ch, "U2", "那企业客户呢？", ts());
        ObjectNode topLevel = directMessage(ch, "U2", "价格战怎么打？", ts()).put("channel_type", "channel");
        ObjectNode own = threadReply(ch, FakeSlack.BOT_USER, "知识库中的相关内容", answered);
        ObjectNode fromABot = threadReply(ch, "U9", "价格战怎么打？", answered).put("bot_id", "B999");
        for (ObjectNode e : new ObjectNode[] {otherThread, topLevel, own, fromABot}) {
            assertThat(http.client().json(envelope(e, eventId())).statusCode()).as(e.toString()).isEqualTo(200);
        }
        assertThat(http.slack().next(ch, SlackConversationsTest.QUIET)).isNull();
    }

    @Test
    void aThreadReplyThatAlsoMentionsTheBotIsAnsweredOnce() throws Exception {
        String ch = SlackConversationsTest.channel('C');
        String thread = ts();
        assertThat(http.client().json(envelope(appMention(ch, "U1", "价格战怎么打？", thread), eventId())).statusCode())
                .isEqualTo(200);
        http.slack().next(ch);

        String replyTs = ts();
        ObjectNode mention = appMention(ch, "U1", "具体怎么做？", replyTs).put("thread_ts", thread);
        ObjectNode twin = threadReply(ch, "U1", mention.get("text").asText(), thread).put("ts", replyTs)
                .put("client_msg_id", mention.get("client_msg_id").asText());
        assertThat(http.client().json(envelope(twin, eventId())).statusCode()).isEqualTo(200);
        assertThat(http.client().json(envelope(mention, eventId())).statusCode()).isEqualTo(200);

        assertThat(http.slack().next(ch).param("thread_ts")).isEqualTo(thread);
        assertThat(http.slack().next(ch, SlackConversationsTest.QUIET)).isNull();
    }
}
