package startupcoach.compose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.Language;

/**
 * Suggests what to ask next: the sections that stand beside the ones just cited (same parent
 * heading), since a founder reading "5.2 市场风险" is likely to want "5.3 法律与伦理风险" next.
 */
public final class FollowUps {

    private static final int MAX = 3;
    /** Chapter and section numbers read badly inside a question: "第5章：", "2.4.1 ", "附录B:". */
    private static final Pattern NUMBERING = Pattern.compile(
            "^(第[0-9一二三四五六七八九十]+[章节部分][:：]?\\s*|附录\\s*[A-Z]?[:：.]?\\s*|[A-Z]?[0-9]+(\\.[0-9]+)*\\.?\\s*)");

    private final List<Section> body;
    private final HeadingLabels labels;

    /** Without English labels: English askers get no suggestions rather than Chinese ones. */
    public FollowUps(KnowledgeBase kb) {
        this(kb, HeadingLabels.none());
    }

    public FollowUps(KnowledgeBase kb, HeadingLabels labels) {
        this.labels = Objects.requireNonNull(labels, "labels == null");
        this.body = Objects.requireNonNull(kb, "kb == null").sections().stream()
                .filter(s -> s.kind() == SectionKind.BODY && !s.text().isBlank())
                .toList();
    }

    /** Questions about the neighbours of the cited sections, skipping what was cited. */
    public List<String> after(List<Section> cited, Language lang) {
        Set<String> citedIds = new LinkedHashSet<>();
        cited.forEach(s -> citedIds.add(s.id()));
        List<Section> picks = new ArrayList<>();
        for (Section s : cited) {
            for (Section n : neighbours(s)) {
                if (!citedIds.contains(n.id()) && picks.stream().noneMatch(p -> topic(p).equals(topic(n)))
                        && (lang != Language.EN || labels.of(n).isPresent())) {
                    picks.add(n);
                }
            }
        }
        return phrase(picks.stream().limit(MAX).toList(), lang);
    }

    /** Questions about the given sections themselves (for "not covered" answers). */
    public List<String> about(List<Section> sections, Language lang) {
        return phrase(sections.stream().filter(s -> lang != Language.EN || labels.of(s).isPresent()).limit(MAX).toList(), lang);
    }

    private List<Section> neighbours(Section s) {
        List<String> parent = s.headingPath().subList(0, s.headingPath().size() - 1);
        int at = body.indexOf(s);
        List<Section> siblings = body.stream()
                .filter(o -> o.fileName().equals(s.fileName()) && !o.id().equals(s.id())
                        && o.headingPath().size() == s.headingPath().size()
                        && o.headingPath().subList(0, parent.size()).equals(parent))
                .toList();
        // The following sibling first: documents build on what came before.
        List<Section> ordered = new ArrayList<>();
        siblings.stream().filter(o -> body.indexOf(o) > at).forEach(ordered::add);
        siblings.stream().filter(o -> body.indexOf(o) < at).forEach(ordered::add);
        return ordered;
    }

    /**
     * A question that, asked as written, finds the section again: the heading's own words in
     * Chinese, its glossary rendering in English (which the glossary bridges back).
     */
    private List<String> phrase(List<Section> sections, Language lang) {
        return sections.stream()
                .map(s -> lang == Language.EN
                        ? "What does the knowledge base say about " + labels.of(s).orElseThrow().replace(":", "").toLowerCase(java.util.Locale.ROOT) + "?"
                        : topic(s) + "有哪些要点？")
                .toList();
    }

    static String topic(Section s) {
        String t = NUMBERING.matcher(s.heading()).replaceFirst("").strip();
        return t.isEmpty() ? s.heading() : t;
    }
}
