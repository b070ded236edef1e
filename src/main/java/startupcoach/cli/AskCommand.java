package startupcoach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;

/** One question (or chat command) from the command line, answered on stdout. */
@Command(name = "ask", description = "Answer one question, e.g. ask \"价格战怎么打？\"")
final class AskCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question (quote it, or it is joined with spaces).")
    List<String> words = List.of();

    @Option(names = "--json", description = "Print the retrieved passages, scores and citations as JSON.")
    boolean json;

    AskCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        String question = String.join(" ", words).strip();
        try (CoachApp app = common.open(terminal)) {
            if (question.isEmpty()) {
                terminal.err().println("Usage: startup-coach ask \"<question>\"\n");
                terminal.err().println(app.coach().help().text());
                return Main.USAGE;
            }
            Reply reply = app.coach().handle(IncomingMessage.fromCli(question));
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                terminal.out().println(mapper.writeValueAsString(JsonReply.of(reply)));
            } else {
                terminal.out().println(reply.fullText());
            }
            return reply.kind() == ReplyKind.ERROR ? 1 : 0;
        }
    }
}
