package startupcoach.coach;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Section;

/**
 * {@code source <citation>}: the full text of a cited section, so a reader can check a quote in
 * its context. Accepts a citation as the coach prints it, a heading, or just its number.
 */
public final class SourceCommand implements CommandHandler {

    /** Chat platforms cap a message near 4,000 characters; a section longer than this is cut with a note. */
    static final int MAX_CHARS = 3500;

    private final KnowledgeBase kb;

    public SourceCommand(KnowledgeBase kb) {
        this.kb = Objects.requireNonNull(kb, "kb == null");
    }

    /**
     * The {@code source} command under its names in both languages, answered by {@code current}:
     * the handler of whichever knowledge generation is in service when it runs.
     */
    public static Command command(CommandHandler current) {
        return new Command(List.of("source", "出处", "原文"),
                "source <citation> — the full text of a cited section, e.g. source 5.2 市场风险", current);
    }

    @Override
    public Reply handle(IncomingMessage message, String args) {
        if (args.isBlank()) {
            return Reply.of(ReplyKind.ERROR, "Usage: source <citation>, e.g. source 5.2 市场风险 or "
                    + "source 《大模型创业的风险与机遇》 › 2.4 财务风险");
        }
        Optional<Section> found = kb.findSection(args);
        if (found.isEmpty()) {
            return Reply.of(ReplyKind.ERROR, "No section matches \u201C" + args + "\u201D. Copy a citation from an answer,"
                    + " or type topics to see what the knowledge base covers.");
        }
        Section s = found.get();
        String body = s.text().isBlank() ? "(This heading has no text of its own; its sub-sections hold the content.)" : s.text();
        if (body.length() > MAX_CHARS) {
            body = body.substring(0, MAX_CHARS) + "\n… (cut at " + MAX_CHARS + " characters; the full section is in "
                    + s.fileName() + ", lines " + s.startLine() + "–" + s.endLine() + ")";
        }
        return new Reply(ReplyKind.SOURCE, s.citation() + "\n\n" + body, null, s, null);
    }
}
