package startupcoach.compose;

import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * Renders an {@link Answer} as plain text: for the terminal, and as the notification fallback of
 * chat platforms whose rich formats are built elsewhere: the lead, the key points (or a language
 * model's prose) with their [n] markers, then the sources numbered alike.
 */
public final class PlainTextRenderer {

    public String render(Answer answer) {
        StringBuilder out = new StringBuilder();
        answer.noteIfAny().ifPresent(n -> out.append(n).append("\n\n"));
        out.append(answer.lead()).append('\n');
        if (answer.prose() != null) {
            out.append('\n').append(answer.prose().strip()).append('\n');
        } else if (!answer.groups().isEmpty()) {
            out.append('\n');
            answer.numberedPoints().forEach(p -> out.append("• ").append(p).append('\n'));
        }
        if (!answer.groups().isEmpty()) {
            out.append('\n').append(answer.sourcesHeading()).append('\n');
            answer.numberedSources().forEach(s -> out.append(s).append('\n'));
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
