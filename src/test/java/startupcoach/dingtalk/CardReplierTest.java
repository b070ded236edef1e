package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Section;
import startupcoach.pipeline.Outlet;
import startupcoach.pipeline.PendingReply;
import startupcoach.retrieve.Language;

/**
 * A language model's answer on a card: delivered processing, switched to typing, the prose typed in
 * through {@code PUT /v1.0/card/streaming}, then finished; without {@code Card.Streaming.Write} the
 * prose goes into the card in one update, and that is said once.
 */
class CardReplierTest {

    private DingTalkMock dingtalk;
    private DingTalkHttp http;
    private CardReplier cards;
    private final List<Reply> markdownSent = new ArrayList<>();

    @BeforeEach
    void start() {
        dingtalk = new DingTalkMock();
        http = new DingTalkHttp(new ObjectMapper());
        OpenApi api = new OpenApi(http, new AccessTokens(http, dingtalk.apiUrl(), "dingkey", "secret", Clock.systemUTC()),
                dingtalk.apiUrl());
        cards = new CardReplier(new CardApi(api, "382e4302-551d-4880-bf29-a30acfab2e71.schema", "dingkey", true),
                new AnswerCard(new MarkdownRenderer()));
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        dingtalk.close();
    }

    private static Reply proseAnswer() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load(java.nio.file.Path.of("src/test/resources/compose/pricing-kb"));
        Section section = kb.sections().get(kb.sections().size() - 1);
        Answer answer = new Answer("价格战怎么打？", Language.ZH, true, "根据知识库的 1 个章节：",
                List.of(new CitedGroup(section, List.of())), List.of(), List.of("如何定价？"), List.of(),
                "先守住利润底线 [1]。", null);
        return new Reply(ReplyKind.ANSWER, "plain", answer, null, null);
    }

    private static DingTalkMessage question(String msgId) throws Exception {
        ObjectNode m = Payloads.fresh(Payloads.SINGLE, "http://127.0.0.1:1/unused");
        m.put("msgId", msgId);
        return new MessageParser(new ObjectMapper()).parse(Payloads.text(m));
    }

    @Test
    void aLanguageModelAnswerIsTypedIntoTheCardThenFinished() throws Exception {
        Reply reply = proseAnswer();
        DingTalkMessage origin = question("msgProse1==");

        cards.answer(origin, PendingReply.of(reply), (o, r) -> markdownSent.add(r), Outlet.Progress.NONE, false);

        String outTrackId = CardIds.outTrackId("msgProse1==");
        assertThat(DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap").get("flowStatus").asText())
                .isEqualTo(AnswerCard.PROCESSING);
        RecordedRequest typing = dingtalk.takeApi();
        assertThat(typing.getPath()).isEqualTo("/v1.0/card/instances");
        assertThat(DingTalkMock.body(typing).get("cardData").get("cardParamMap").get("flowStatus").asText())
                .isEqualTo(AnswerCard.INPUTING);
        RecordedRequest streamed = dingtalk.takeApi();
        assertThat(streamed.getMethod()).isEqualTo("PUT");
        assertThat(streamed.getPath()).isEqualTo("/v1.0/card/streaming");
        JsonNode piece = DingTalkMock.body(streamed);
        assertThat(piece.get("outTrackId").asText()).isEqualTo(outTrackId);
        assertThat(piece.get("key").asText()).isEqualTo("msgContent");
        assertThat(piece.get("content").asText()).contains("先守住利润底线 [1]。").contains("[1] 《");
        assertThat(piece.get("isFull").asBoolean()).isTrue();
        assertThat(piece.get("isFinalize").asBoolean()).isTrue();
        assertThat(piece.get("guid").asText()).isNotBlank();
        JsonNode finished = DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap");
        assertThat(finished.get("flowStatus").asText()).isEqualTo(AnswerCard.FINISHED);
        assertThat(markdownSent).isEmpty();
    }

    @Test
    void aResumedAnswerCompletesTheCardItsFirstAttemptCreatedInsteadOfDeliveringAnother() throws Exception {
        List<String> refs = new ArrayList<>();
        Outlet.Progress recorded = new Outlet.Progress() {
            @Override
            public void started() {
                refs.add("started");
            }

            @Override
            public void sent(String ref) {
                refs.add(ref);
            }
        };
        cards.answer(question("msgResume1=="), PendingReply.of(proseAnswer()), (o, r) -> markdownSent.add(r), recorded, false);
        assertThat(refs).containsExactly("started", DingTalkBot.CARD_REF + CardIds.outTrackId("msgResume1=="));
        for (int i = 0; i < 4; i++) {
            dingtalk.takeApi();
        }

        cards.answer(question("msgResume1=="), PendingReply.of(proseAnswer()), (o, r) -> markdownSent.add(r), recorded, true);

        List<String> paths = new ArrayList<>();
        for (RecordedRequest r = dingtalk.pollApi(300); r != null; r = dingtalk.pollApi(300)) {
            paths.add(r.getPath());
        }
        assertThat(paths).as("no second createAndDeliver: the same card is written again").doesNotContain(
                "/v1.0/card/instances/createAndDeliver").contains("/v1.0/card/instances");
        assertThat(markdownSent).isEmpty();
    }

    @Test
    void withoutTheStreamingPermissionTheProseIsWrittenInOneUpdateAndThatIsLoggedOnce() throws Exception {
        dingtalk.refuseCards("/v1.0/card/streaming", "Card.Streaming.Write");
        Reply reply = proseAnswer();
        try (LogCapture logs = new LogCapture("startupcoach.dingtalk")) {
            cards.answer(question("msgProse2=="), PendingReply.of(reply), (o, r) -> markdownSent.add(r), Outlet.Progress.NONE, false);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                paths.add(dingtalk.takeApi().getPath());
            }
            assertThat(paths).containsExactly("/v1.0/card/instances/createAndDeliver", "/v1.0/card/instances",
                    "/v1.0/card/streaming", "/v1.0/card/instances");

            cards.answer(question("msgProse3=="), PendingReply.of(reply), (o, r) -> markdownSent.add(r), Outlet.Progress.NONE, false);
            assertThat(dingtalk.takeApi().getPath()).isEqualTo("/v1.0/card/instances/createAndDeliver");
            JsonNode next = DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap");
            assertThat(next.get("flowStatus").asText()).as("no typing once streaming was refused").isEqualTo(AnswerCard.FINISHED);
            assertThat(next.get("msgContent").asText()).contains("先守住利润底线 [1]。");
            assertThat(dingtalk.pollApi(300)).isNull();
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("dingtalk.card_streaming_unavailable")).singleElement()
                    .satisfies(l -> assertThat(l).contains("missingPermission=Card.Streaming.Write"));
        }
        assertThat(cards.active()).as("cards themselves still work").isTrue();
        assertThat(markdownSent).isEmpty();
    }
}
