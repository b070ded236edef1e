package startupcoach.compose;

import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * Renders an {@link Answer} as plain text: for the terminal, and as the notification fallback of
 * chat platforms whose rich formats are built elsewhere.
 */
public final class PlainTextRenderer {

    public String render(Answer answer) {
        StringBuilder out = new StringBuilder(answer.lead()).append('\n');
        for (CitedGroup g : answer.groups()) {
            out.append('\n');
            for (String s : g.sentences()) {
                out.append("> ").append(s).append('\n');
            }
            out.append("— ").append(g.citation()).append('\n');
        }
        for (Section s : answer.closestTopics()) {
            out.append("• ").append(s.citation()).append('\n');
        }
        if (!answer.followUps().isEmpty()) {
            out.append('\n').append(answer.language() == Language.EN ? "You could also ask:" : "你还可以问：").append('\n');
            answer.followUps().forEach(f -> out.append("• ").append(f).append('\n'));
        }
        return out.toString().stripTrailing();
    }
}
