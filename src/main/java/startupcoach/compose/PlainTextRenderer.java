package startupcoach.compose;

import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * Renders an {@link Answer} as plain text: for the terminal, and as the notification fallback of
 * chat platforms whose rich formats are built elsewhere. Quotes are shown with their citation
 * under them; a language model's prose is shown with its sources numbered as its markers are.
 */
public final class PlainTextRenderer {

    public String render(Answer answer) {
        StringBuilder out = new StringBuilder();
        answer.noteIfAny().ifPresent(n -> out.append(n).append("\n\n"));
        out.append(answer.lead()).append('\n');
        if (answer.prose() != null) {
            out.append('\n').append(answer.prose().strip()).append("\n\n");
            for (int i = 0; i < answer.groups().size(); i++) {
                out.append('[').append(i + 1).append("] ").append(answer.groups().get(i).citation()).append('\n');
            }
        } else {
            for (CitedGroup g : answer.groups()) {
                out.append('\n');
                for (String s : g.sentences()) {
                    out.append("> ").append(s).append('\n');
                }
                out.append("— ").append(g.citation()).append('\n');
            }
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
