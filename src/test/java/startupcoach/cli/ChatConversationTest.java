package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat} with piped input keeps one conversation across the lines, until a reset word. */
class ChatConversationTest {

    @TempDir
    static Path shared;
    private static String data;

    @BeforeAll
    static void buildIndexOnce() {
        data = shared.resolve("data").toString();
        CliRunner.Result r = CliRunner.run("", "index", "--data-dir", data);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** What a piped session printed after its banner. */
    private static String session(String stdin) {
        CliRunner.Result r = CliRunner.run(stdin + "exit\n", "chat", "--data-dir", data);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("Exception");
        return r.out().substring(r.out().indexOf("\n> "));
    }

    @Test
    void aFollowUpLineIsAnsweredAgainstTheFirstQuestionUntilReset() {
        String first = "我们的AI客服产品该怎么定价？\n";
        String followUp = "那企业客户呢？\n";
        String firstAlone = session(first).replaceAll("\n> \n*$", "");
        String followUpAlone = session(followUp).replaceAll("\n> \n*$", "").substring(3);
        String both = session(first + followUp);
        String afterReset = session(first + "new\n" + followUp);

        assertThat(both).startsWith(firstAlone);
        String followUpInContext = both.substring(firstAlone.length());
        assertThat(followUpInContext).contains("[1] 《");
        assertThat(followUpInContext).as("the remembered topic changes the answer").doesNotContain(followUpAlone);
        assertThat(sources(followUpInContext)).as("the follow-up stays on the first question's topic")
                .containsAnyElementsOf(sources(firstAlone));
        assertThat(afterReset).contains("Starting fresh", "重新开始");
        assertThat(afterReset.substring(afterReset.indexOf("重新开始"))).as("after the reset it stands alone")
                .contains(followUpAlone);
    }

    @Test
    void aQuestionThatStartsWithAResetWordIsStillAQuestion() {
        assertThat(session("new customers keep churning after the trial, how do we keep them?\n"))
                .doesNotContain("Starting fresh").contains("《");
    }

    /** The documents an answer cites ("[n] 《title》 › …" lines). */
    private static List<String> sources(String reply) {
        return reply.lines().filter(l -> l.matches("\\[\\d+] 《.*")).map(l -> l.substring(0, l.indexOf('》') + 1)).distinct().toList();
    }
}
