package startupcoach.coach;

import java.util.List;
import java.util.Objects;
import startupcoach.knowledge.KnowledgeBase;

/** {@code topics}: what the knowledge base covers, by document and chapter. */
public final class TopicsCommand implements CommandHandler {

    private final String text;

    public TopicsCommand(KnowledgeBase kb) {
        Objects.requireNonNull(kb, "kb == null");
        // The knowledge base is immutable: render once.
        StringBuilder out = new StringBuilder("The knowledge base covers ").append(kb.documents().size())
                .append(" documents:\n");
        kb.topics().forEach(doc -> {
            out.append("\n《").append(doc.title()).append("》\n");
            List<String> chapters = doc.chapters();
            chapters.forEach(c -> out.append("  • ").append(c).append('\n'));
        });
        out.append("\nAsk about any of these, or type source <section> to read one in full.");
        this.text = out.toString();
    }

    /**
     * The {@code topics} command under its names in both languages, answered by {@code current}:
     * the handler of whichever knowledge generation is in service when it runs.
     */
    public static Command command(CommandHandler current) {
        return new Command(List.of("topics", "主题", "目录"), "topics — what the knowledge base covers", current);
    }

    @Override
    public Reply handle(IncomingMessage message, String args) {
        return Reply.of(ReplyKind.TOPICS, text);
    }
}
