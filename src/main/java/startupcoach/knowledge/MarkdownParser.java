package startupcoach.knowledge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * Parses one Markdown document into {@link Section}s: one per ATX heading (plus one for text
 * before the first heading, if any), each with its own body only.
 *
 * <p>Heading paths follow levels: a heading's parent is the nearest previous heading of a
 * strictly lower level, so a {@code #####} chapter with {@code ######} children and siblings
 * written at different levels both nest the way they were written. The document-title heading
 * is never an ancestor; its own section is labelled {@value #TITLE_BLOCK_HEADING}. Kinds come
 * from {@link SectionClassifier}, fences and chat tokens are handled by {@link MarkdownLines}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MarkdownParser {

    /** Heading path of the title heading's own section (keywords, abstract under {@code # Title}). */
    public static final String TITLE_BLOCK_HEADING = "文章标题";
    /** Heading path of text that comes before the first heading. */
    public static final String PREAMBLE_HEADING = "前言";

    /** Parsed document plus the defects that were repaired on the way (for the loader's warnings). */
    record Result(Document document, List<String> warnings) {
    }

    private record Draft(int level, String heading, int startLine, List<SourceLine> body,
                         SectionClassifier.Role role) {
    }

    /**
     * Parses {@code content}, the whole text of {@code fileName}.
     *
     * @return sections in file order with ids {@code fileName#0}, {@code fileName#1}, …
     */
    public List<Section> parse(String fileName, String content) {
        return parseDocument(fileName, content).sections();
    }

    /** Like {@link #parse} but also returns the title. */
    public Document parseDocument(String fileName, String content) {
        return parseWithWarnings(fileName, content).document();
    }

    Result parseWithWarnings(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(content, "content == null");
        List<String> warnings = new ArrayList<>();
        List<SourceLine> lines = MarkdownLines.scan(fileName, content, warnings);
        TitleExtractor.DocumentTitle title = TitleExtractor.extract(fileName, lines);
        List<Draft> drafts = drafts(lines, title);

        int n = drafts.size();
        int[] parents = parents(drafts);
        String[] texts = new String[n];
        List<SectionClassifier.Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            texts[i] = SectionText.of(d.body());
            SectionClassifier.Role role = d.role();
            if (role == SectionClassifier.Role.PREAMBLE && onlyRepeatsTitle(texts[i], title.text())) {
                role = SectionClassifier.Role.PREAMBLE_TITLE_ONLY;
            }
            nodes.add(new SectionClassifier.Node(d.level(), d.heading(), parents[i], texts[i].length(), role));
        }
        SectionKind[] kinds = SectionClassifier.classify(nodes);

        List<Section> sections = new ArrayList<>(n);
        List<List<String>> paths = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Draft d = drafts.get(i);
            List<String> path = new ArrayList<>(parents[i] < 0 ? List.of() : paths.get(parents[i]));
            path.add(d.heading());
            paths.add(path);
            sections.add(new Section(fileName + "#" + i, fileName, title.text(), path, texts[i],
                    d.startLine(), SectionText.endLine(d.body(), d.startLine()), kinds[i]));
        }
        return new Result(new Document(fileName, title.text(), sections), warnings);
    }

    /** One draft per heading, plus a leading preamble draft when there is text before the first one. */
    private static List<Draft> drafts(List<SourceLine> lines, TitleExtractor.DocumentTitle title) {
        List<Draft> drafts = new ArrayList<>();
        List<SourceLine> preamble = new ArrayList<>();
        List<SourceLine> body = preamble;
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            if (!line.isHeading()) {
                body.add(line);
                continue;
            }
            if (drafts.isEmpty() && !SectionText.of(preamble).isEmpty()) {
                drafts.add(new Draft(0, PREAMBLE_HEADING, 1, preamble, SectionClassifier.Role.PREAMBLE));
            }
            body = new ArrayList<>();
            boolean isTitle = i == title.lineIndex();
            // The heading that *is* the title would repeat the title in every citation; the
            // section keeps a label instead (its body is keywords and abstract).
            String heading = isTitle && HeadingText.normalise(HeadingText.cleanTitle(line.heading()))
                    .equals(HeadingText.normalise(title.text())) ? TITLE_BLOCK_HEADING : line.heading();
            drafts.add(new Draft(line.headingLevel(), heading, line.number(), body,
                    isTitle ? SectionClassifier.Role.TITLE : SectionClassifier.Role.HEADING));
        }
        if (drafts.isEmpty() && !SectionText.of(preamble).isEmpty()) {
            drafts.add(new Draft(0, PREAMBLE_HEADING, 1, preamble, SectionClassifier.Role.PREAMBLE));
        }
        return drafts;
    }

    /** Parent = nearest previous heading of a strictly lower level; title and preamble are nobody's parent. */
    private static int[] parents(List<Draft> drafts) {
        int[] parents = new int[drafts.size()];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            if (d.role() == SectionClassifier.Role.PREAMBLE) {
                parents[i] = -1;
                continue;
            }
            while (!open.isEmpty() && drafts.get(open.peek()).level() >= d.level()) {
                open.pop();
            }
            parents[i] = open.isEmpty() ? -1 : open.peek();
            if (d.role() != SectionClassifier.Role.TITLE) {
                open.push(i);
            }
        }
        return parents;
    }

    private static boolean onlyRepeatsTitle(String text, String title) {
        String rest = HeadingText.normalise(text).replace(HeadingText.normalise(title), "");
        return rest.replaceAll("[《》\"'“”「」*#>]", "").isEmpty();
    }
}
