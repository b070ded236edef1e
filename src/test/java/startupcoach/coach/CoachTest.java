package startupcoach.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.AbstainRule;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.QueryExpander;
import startupcoach.retrieve.TextAnalysis;

class CoachTest {

    @TempDir
    Path tmp;
    private Coach coach;
    private KnowledgeBase kb;

    @BeforeEach
    void setUp() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(dir.resolve("pricing.md"), """
                # 定价手册

                ## 1 定价策略

                价值定价比成本定价更能体现产品差异。竞争对手降价时，先比较客户获得的价值。

                ## 2 价格战

                价格战中要守住利润底线。不要用补贴换取不会留下的客户。
                """);
        kb = KnowledgeBase.load(dir);
        TextAnalysis analysis = new TextAnalysis();
        PassageIndex index = PassageIndex.openOrBuild(tmp.resolve("index"), kb, analysis, IndexProgress.SILENT);
        Bm25Retriever retriever = Bm25Retriever.create(index, analysis, QueryExpander.NONE);
        coach = new Coach(new QuestionHandler(retriever, new ExtractiveComposer(analysis, new FollowUps(kb))))
                .register(new Command(List.of("topics"), "topics — what the knowledge base covers", new TopicsCommand(kb)))
                .register(new Command(List.of("source"), "source <citation> — a section in full", new SourceCommand(kb)));
    }

    private Reply say(String text) {
        return coach.handle(new IncomingMessage("test", "C1", "U1", text));
    }

    @Test
    void emptyOrWhitespaceMessageGetsHelp() {
        assertThat(say("").kind()).isEqualTo(ReplyKind.HELP);
        assertThat(say("  \n\t ").text()).contains("Commands:").contains("topics").contains("source");
    }

    @Test
    void bareQuestionIsAnsweredWithACitation() {
        Reply reply = say("价格战怎么打");
        assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
        assertThat(reply.answer().covered()).isTrue();
        assertThat(reply.text()).contains("价格战中要守住利润底线。").contains("[1] 《定价手册》 › 2 价格战");
    }

    @Test
    void askCommandIsTheSameAsAQuestion() {
        assertThat(say("ask 价格战怎么打").text()).isEqualTo(say("价格战怎么打").text());
    }

    @Test
    void unknownSlashCommandSaysSoAndShowsHelp() {
        Reply reply = say("/frobnicate now");
        assertThat(reply.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(reply.text()).contains("Unknown command").contains("/frobnicate").contains("Commands:");
    }

    @Test
    void topicsListsDocuments() {
        Reply reply = say("topics");
        assertThat(reply.kind()).isEqualTo(ReplyKind.TOPICS);
        assertThat(reply.text()).contains("《定价手册》");
    }

    @Test
    void sourceShowsTheWholeSection() {
        Reply reply = say("source 《定价手册》 › 1 定价策略");
        assertThat(reply.kind()).isEqualTo(ReplyKind.SOURCE);
        assertThat(reply.text()).contains("竞争对手降价时，先比较客户获得的价值。");
        assertThat(say("source 2 价格战").text()).contains("价格战中要守住利润底线");
    }

    @Test
    void sourceWithoutArgumentOrMatchExplainsWhatToDo() {
        assertThat(say("source").text()).contains("Usage: source");
        Reply missing = say("source 9.9.9 不存在的章节");
        assertThat(missing.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(missing.text()).contains("No section matches").contains("topics");
    }

    @Test
    void hugeQuestionIsAnsweredOnItsFirstPartWithANote() {
        Reply reply = say("价格战怎么打？" + "x".repeat(12_000));
        assertThat(reply.kind()).isEqualTo(ReplyKind.ANSWER);
        assertThat(reply.note()).contains("first 1000");
        assertThat(reply.answer().question()).hasSizeLessThanOrEqualTo(1000);
    }

    @Test
    void aFailureBecomesAFriendlyReplyWithoutInternals() {
        Coach broken = new Coach((m, q) -> {
            throw new IllegalStateException("index exploded at /secret/path");
        });
        Reply reply = broken.handle(new IncomingMessage("test", "C1", "U1", "价格战"));
        assertThat(reply.kind()).isEqualTo(ReplyKind.ERROR);
        assertThat(reply.text()).contains("try again").contains("reference").doesNotContain("exploded").doesNotContain("/secret");
    }

    @Test
    void rejectsDuplicateCommandNames() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> coach.register(
                new Command(List.of("topics"), "x", (m, a) -> Reply.of(ReplyKind.HELP, "x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
