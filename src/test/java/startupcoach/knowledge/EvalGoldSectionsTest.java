package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every gold section of the eval set ({@code eval/dev.jsonl}) must exist as a body section of the parsed file,
 * with its quote in that section's text, and with the gold heading path.
 */
class EvalGoldSectionsTest {

    /**
     * Gold entries that a correct parse cannot satisfy, with the reason. The test fails when one
     * of them starts to match, so the list cannot go stale.
     */
    private static final Map<String, String> KNOWN_GOLD_DEFECTS = Map.of(
            "q089 sustainable-business-models.md | B.3 案例三：公司C的AI大模型创新应用",
            "the quote is in the bold 'B.2 案例二' paragraph of '### 附录B: AI大模型创业案例解析' (line 877,"
                    + " glued after <|im_end|>); the gold was made with glued headings unsplit, so everything"
                    + " from line 758 to the end of the file looked like B.3");

    /**
     * The gold paths of this file were also made with glued headings unsplit (e.g. "第三部分: 技术落地与实施 >
     * 第1章：AI大模型概述 > 第2章…"), so only the last two path elements are compared there.
     */
    private static final String FILE_WITH_UNSPLIT_GOLD_PATHS = "sustainable-business-models.md";

    private static List<EvalGold> entries;

    @BeforeAll
    static void readGold() {
        entries = EvalGold.all();
        assertThat(entries).hasSizeGreaterThan(50);
    }

    @Test
    void everyGoldHeadingIsABodySection() {
        List<String> missing = new ArrayList<>();
        for (EvalGold gold : entries) {
            boolean body = RealKnowledge.withHeading(gold.file(), gold.heading()).stream()
                    .anyMatch(s -> s.kind() == SectionKind.BODY);
            if (!body) {
                missing.add(gold.key() + " -> no BODY section with this heading");
            }
        }
        assertThat(missing).as("gold headings without a BODY section").isEmpty();
    }

    @Test
    void everyGoldQuoteLiesInASectionWithTheGoldHeading() {
        Map<String, String> failures = new TreeMap<>();
        for (EvalGold gold : entries) {
            List<Section> same = RealKnowledge.withHeading(gold.file(), gold.heading());
            if (same.stream().noneMatch(s -> s.text().contains(gold.quote()))) {
                String actual = RealKnowledge.sections(gold.file()).stream()
                        .filter(s -> s.text().contains(gold.quote())).map(Section::citation).toList().toString();
                failures.put(gold.key(), "quote '" + gold.quote() + "' is in " + actual);
            }
        }
        assertThat(failures.keySet()).as("gold quotes outside their section: %s", failures)
                .containsExactlyInAnyOrderElementsOf(KNOWN_GOLD_DEFECTS.keySet());
    }

    @Test
    void everyGoldQuoteIsSomewhereInItsFileText() {
        // Guards the known defects above: the quote is still indexed, just under another heading.
        for (EvalGold gold : entries) {
            assertThat(RealKnowledge.sections(gold.file())).as(gold.key())
                    .anyMatch(s -> s.kind() == SectionKind.BODY && s.text().contains(gold.quote()));
        }
    }

    @Test
    void goldHeadingPathsMatchTheParsedPaths() {
        List<String> mismatches = new ArrayList<>();
        for (EvalGold gold : entries) {
            String title = RealKnowledge.document(gold.file()).title();
            // The gold path has the document title as its root where the document has a title heading.
            List<String> expected = List.of(gold.path()
                    .replaceFirst("^《?" + Pattern.quote(title) + "》? > ", "").split(" > "));
            List<String> actual = RealKnowledge.body(gold.file(), gold.heading()).headingPath();
            if (gold.file().equals(FILE_WITH_UNSPLIT_GOLD_PATHS)) {
                expected = expected.subList(expected.size() - 2, expected.size());
                actual = actual.subList(Math.max(0, actual.size() - 2), actual.size());
            }
            if (!expected.equals(actual)) {
                mismatches.add(gold.key() + ": gold " + expected + " parsed " + actual);
            }
        }
        assertThat(mismatches).isEmpty();
    }
}
