package startupcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import startupcoach.compose.Answer;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.SearchResult;

class QuestionLogHookTest {

    private static final Section SECTION = new Section("p.md#2", "p.md", "定价手册", List.of("2 价格战"), "价格战中要守住利润底线。", 5, 7,
            SectionKind.BODY);
    private static final Instant NOW = Instant.parse("2025-03-03T10:00:00Z");

    private static SearchResult found(String question, int k) {
        Query query = new Query(question, Language.ZH, List.of("价格战"), List.of(), List.of());
        return new SearchResult(query, List.of(new Hit(new Passage("p.md#2/0", SECTION, 0, SECTION.text()), 3.0, 1)), true, 1.0);
    }

    private static Answer answer(SearchResult r) {
        return new Answer(r.query().text(), Language.ZH, true, "lead", List.of(new startupcoach.compose.CitedGroup(SECTION,
                List.of("价格战中要守住利润底线。"))), List.of(), List.of(), r.hits());
    }

    @Test
    void everyAnsweredQuestionIsLoggedWithItsConversationAndCitedSections() {
        List<AnsweredQuestion> logged = new ArrayList<>();
        QuestionHandler handler = new QuestionHandler(QuestionLogHookTest::found, QuestionLogHookTest::answer, logged::add,
                Clock.fixed(NOW, ZoneOffset.UTC));
        handler.handle(new IncomingMessage("dingtalk", "G1", "U9", "价格战怎么打"), "价格战怎么打");
        assertThat(logged).containsExactly(new AnsweredQuestion("dingtalk", "G1", "U9", "价格战怎么打", List.of("p.md#2"), true, NOW));
    }

    @Test
    void aFailingLogStillAnswers() {
        QuestionHandler handler = new QuestionHandler(QuestionLogHookTest::found, QuestionLogHookTest::answer, q -> {
            throw new IllegalStateException("database down");
        }, Clock.systemUTC());
        Reply reply = handler.handle(new IncomingMessage("slack", "C1", "U1", "价格战"), "价格战");
        assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
    }

    @Test
    void theTwoArgumentConstructorLogsNothing() {
        Reply reply = new QuestionHandler(QuestionLogHookTest::found, QuestionLogHookTest::answer)
                .handle(new IncomingMessage("cli", "terminal", "me", "价格战"), "价格战");
        assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
    }
}
