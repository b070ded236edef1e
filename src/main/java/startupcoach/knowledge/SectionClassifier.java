package startupcoach.knowledge;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which sections are body, outline copies or front matter, from the heading tree alone.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>FRONT_MATTER: the title heading, a preamble that only repeats the title, and headings
 *       that (without any {@code 《…》}) are a front-matter label: 文章标题, 文章关键词, 摘要, 作者信息…</li>
 *   <li>OUTLINE: a heading containing 目录 / 大纲 / "table of contents", with its subtree.</li>
 *   <li>OUTLINE: an earlier section that has a later twin (same normalised heading under a parent
 *       with the same normalised heading) whose subtree holds at least as much text, with those
 *       of its descendants whose heading recurs later or that have no text (the others are the only
 *       copy of their text and stay citable). This is how a condensed outline without a 目录 heading is found
 *       (sustainable-business-models.md); requiring the same parent keeps generic headings such
 *       as 小结 under different chapters apart.</li>
 * </ol>
 * A subtree ends at the next heading of the same or a higher level, and also at the first heading
 * whose (heading, parent) pair already occurred inside it: that is the body starting again
 * after an outline whose levels do not step back (e.g. {@code # 目录} followed by {@code ## 第1章}
 * in both the outline and the body).
 */
final class SectionClassifier {

    /** What a draft section is, before classification. */
    enum Role { HEADING, TITLE, PREAMBLE, PREAMBLE_TITLE_ONLY }

    /**
     * @param level      heading level 1–6 (0 for the preamble)
     * @param heading    heading text as written
     * @param parent     index of the parent node, or -1
     * @param textLength characters of the section's own text
     */
    record Node(int level, String heading, int parent, int textLength, Role role) {
    }

    private static final Set<String> FRONT_LABELS = Set.of(
            "文章标题", "标题", "文章关键词", "关键词", "关键字", "文章摘要", "摘要", "作者信息", "作者",
            "作者简介", "关于作者", "title", "keywords", "abstract", "author", "authors", "abouttheauthor");

    private SectionClassifier() {
    }

    static SectionKind[] classify(List<Node> nodes) {
        int n = nodes.size();
        SectionKind[] kinds = new SectionKind[n];
        Arrays.fill(kinds, SectionKind.BODY);
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            Node node = nodes.get(i);
            keys[i] = key(nodes, i);
            if (node.role() == Role.TITLE || node.role() == Role.PREAMBLE_TITLE_ONLY
                    || (node.role() == Role.HEADING && isFrontMatterLabel(node.heading()))) {
                kinds[i] = SectionKind.FRONT_MATTER;
            }
        }
        for (int i = 0; i < n; i++) {
            if (nodes.get(i).role() == Role.HEADING && isTableOfContents(nodes.get(i).heading())) {
                markOutline(kinds, i, subtreeEnd(nodes, keys, i));
            }
        }
        for (int i = 0; i < n; i++) {
            if (kinds[i] != SectionKind.BODY || nodes.get(i).role() != Role.HEADING) {
                continue;
            }
            int twin = laterTwin(keys, i);
            if (twin < 0) {
                continue;
            }
            int end = subtreeEnd(nodes, keys, i);
            if (weight(nodes, i, end) <= weight(nodes, twin, subtreeEnd(nodes, keys, twin))) {
                markRepeatedOutline(nodes, kinds, i, end);
            }
        }
        return kinds;
    }

    static boolean isTableOfContents(String heading) {
        String h = HeadingText.withoutBookTitle(heading);
        return h.contains("目录") || h.contains("大纲") || h.contains("tableofcontents")
                || h.equals("contents") || h.equals("toc") || h.equals("outline");
    }

    static boolean isFrontMatterLabel(String heading) {
        String h = HeadingText.withoutBookTitle(heading);
        while (h.endsWith(":")) {
            h = h.substring(0, h.length() - 1);
        }
        return FRONT_LABELS.contains(h);
    }

    private static String key(List<Node> nodes, int i) {
        Node node = nodes.get(i);
        String parent = node.parent() < 0 ? "" : HeadingText.normalise(nodes.get(node.parent()).heading());
        return HeadingText.normalise(node.heading()) + '\u0000' + parent;
    }

    private static int laterTwin(String[] keys, int i) {
        for (int j = i + 1; j < keys.length; j++) {
            if (keys[j].equals(keys[i])) {
                return j;
            }
        }
        return -1;
    }

    /** Exclusive end index of node {@code i}'s subtree (see the class comment for the guard). */
    private static int subtreeEnd(List<Node> nodes, String[] keys, int i) {
        Set<String> seen = new HashSet<>();
        seen.add(keys[i]);
        int level = nodes.get(i).level();
        int k = i + 1;
        while (k < nodes.size() && nodes.get(k).level() > level && seen.add(keys[k])) {
            k++;
        }
        return k;
    }

    private static long weight(List<Node> nodes, int from, int to) {
        long sum = 0;
        for (int k = from; k < to; k++) {
            sum += nodes.get(k).textLength();
        }
        return sum;
    }

    /**
     * Marks a condensed outline's section and those of its descendants that the body repeats. A
     * descendant without a later twin is the only copy of its text (sustainable-business-models.md
     * has its 2.3.x and 3.x.x sub-sections only in the condensed part): it stays citable.
     */
    private static void markRepeatedOutline(List<Node> nodes, SectionKind[] kinds, int from, int to) {
        for (int k = from; k < to; k++) {
            if (kinds[k] == SectionKind.BODY && (k == from || nodes.get(k).textLength() == 0 || headingRepeatsLater(nodes, k))) {
                kinds[k] = SectionKind.OUTLINE;
            }
        }
    }

    /** Whether a later heading has the same text, under whatever parent (outline levels are unreliable). */
    private static boolean headingRepeatsLater(List<Node> nodes, int k) {
        String heading = HeadingText.normalise(nodes.get(k).heading());
        for (int j = k + 1; j < nodes.size(); j++) {
            if (HeadingText.normalise(nodes.get(j).heading()).equals(heading)) {
                return true;
            }
        }
        return false;
    }

    private static void markOutline(SectionKind[] kinds, int from, int to) {
        for (int k = from; k < to; k++) {
            if (kinds[k] == SectionKind.BODY) {
                kinds[k] = SectionKind.OUTLINE;
            }
        }
    }
}
