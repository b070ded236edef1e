package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.assertCitedAnswer;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.slashCommand;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;

/**
 * Slow and long answers. The placeholder threshold is set to zero, so every channel answer is
 * "slow": a placeholder first, then {@code chat.update}. The knowledge base has one extra
 * document with a section longer than Slack allows in one block.
 */
class SlackLongAndSlowAnswersTest {

    static FakeSlack slack;
    static CoachServer server;
    static SignedClient client;

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        server = TestServers.startHttp(TestServers.configWithLongSection(), slack, Map.of("SLACK_PLACEHOLDER_AFTER_MS", "0"));
        client = new SignedClient(server.port(), TestServers.SIGNING_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        slack.close();
    }

    @Test
    void aSlowAnswerFirstPostsAPlaceholderThenReplacesIt() throws Exception {
        String ch = channel('C');
        String ts = ts();
        assertThat(client.json(envelope(appMention(ch, "U1", "价格战怎么打？", ts), eventId())).statusCode()).isEqualTo(200);

        FakeSlack.Call placeholder = slack.next(ch);
        assertThat(placeholder.method()).isEqualTo("chat.postMessage");
        assertThat(placeholder.param("thread_ts")).isEqualTo(ts);
        assertThat(placeholder.param("text")).isEqualTo("Searching the knowledge base…");

        FakeSlack.Call update = slack.next(ch);
        assertThat(update.method()).isEqualTo("chat.update");
        assertThat(update.param("channel")).isEqualTo(ch);
        assertThat(update.param("ts")).isEqualTo(placeholder.ts());
        assertCitedAnswer(update);
        assertThat(slack.next(ch, QUIET)).isNull();
    }

    @Test
    void aLongReplyIsSplitIntoSectionsWithinSlacksLimits() throws Exception {
        String ch = channel('C');
        String mention = envelope(appMention(ch, "U1", "source 附录：一百条周会检查项", ts()), eventId());
        assertThat(client.json(mention).statusCode()).isEqualTo(200);

        assertThat(slack.next(ch).param("text")).isEqualTo("Searching the knowledge base…");
        FakeSlack.Call update = slack.next(ch);
        assertThat(update.method()).isEqualTo("chat.update");
        assertWithinLimits(update.blocks(), update.param("text"));
    }

    @Test
    void aLongSlashCommandReplyIsSplitToo() throws Exception {
        String key = UUID.randomUUID().toString();
        assertThat(client.form(slashCommand(channel('C'), "U1", "source 附录：一百条周会检查项", slack.responseUrl(key))).statusCode())
                .isEqualTo(200);

        FakeSlack.Call reply = slack.next(key);
        assertWithinLimits(reply.blocks(), reply.json().path("text").asText());
    }

    private static void assertWithinLimits(JsonNode blocks, String fallback) {
        assertThat(blocks.size()).isLessThanOrEqualTo(BlockRenderer.MAX_BLOCKS);
        int sections = 0;
        StringBuilder all = new StringBuilder();
        for (JsonNode b : blocks) {
            if (b.path("type").asText().equals("section")) {
                String text = b.path("text").path("text").asText();
                assertThat(text.length()).isLessThanOrEqualTo(BlockRenderer.MAX_SECTION_CHARS);
                all.append(text).append('\n');
                sections++;
            }
        }
        assertThat(sections).as("the 3,500-character section needs more than one block").isGreaterThanOrEqualTo(2);
        assertThat(all).contains("1. 关于定价的第1项议题", "顾问", "&amp;", "cut at 3500 characters");
        assertThat(blocks.get(0).path("elements").get(0).path("text").asText()).isEqualTo("《创业公司周会检查清单》 › 附录：一百条周会检查项");
        assertThat(fallback).isNotBlank().hasSizeLessThanOrEqualTo(BlockRenderer.MAX_FALLBACK_CHARS);
    }
}
