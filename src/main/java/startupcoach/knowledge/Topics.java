package startupcoach.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the "what does the knowledge base cover" view: per document its title and the
 * headings of its top-level body sections. Top level means no ancestor heading (the title is
 * never one), which in the shipped documents gives the parts (第一部分…), the chapters where a
 * document has no parts (第1章…) and the appendices. Outline copies and front matter are left
 * out, and a heading written twice (an appendix repeated at the end) is listed once.
 */
final class Topics {

    private Topics() {
    }

    static List<Topic> of(List<Document> documents) {
        List<Topic> topics = new ArrayList<>(documents.size());
        for (Document document : documents) {
            Set<String> seen = new LinkedHashSet<>();
            List<String> chapters = new ArrayList<>();
            for (Section section : document.sections()) {
                if (section.kind() == SectionKind.BODY && section.headingPath().size() == 1
                        && !section.heading().equals(MarkdownParser.PREAMBLE_HEADING)
                        && seen.add(HeadingText.normalise(section.heading()))) {
                    chapters.add(section.heading());
                }
            }
            topics.add(new Topic(document.fileName(), document.title(), chapters));
        }
        return List.copyOf(topics);
    }
}
