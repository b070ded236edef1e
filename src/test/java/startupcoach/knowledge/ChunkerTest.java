package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    private final Chunker chunker = new Chunker();

    private static Section section(String text) {
        return new Section("t.md#0", "t.md", "标题", List.of("第1章"), text, 1, 1, SectionKind.BODY);
    }

    private static List<Section> allRealSections() {
        return RealKnowledge.FILES.stream().flatMap(f -> RealKnowledge.sections(f).stream()).toList();
    }

    @Test
    void passagesOfTheShippedDocumentsAreShortVerbatimAndCoverTheWholeText() {
        for (Section section : allRealSections()) {
            List<Passage> passages = chunker.chunk(section);
            String text = section.text();
            boolean[] covered = new boolean[text.length()];
            int from = 0;
            for (Passage p : passages) {
                assertThat(p.text().length()).as(p.id()).isLessThanOrEqualTo(Chunker.DEFAULT_MAX_CHARS);
                assertThat(p.text()).as(p.id()).isNotBlank().isEqualTo(p.text().strip());
                int at = text.indexOf(p.text(), from);
                assertThat(at).as("%s is a verbatim substring after the previous passage's start", p.id())
                        .isGreaterThanOrEqualTo(0);
                IntStream.range(at, at + p.text().length()).forEach(i -> covered[i] = true);
                // Strictly after the previous start: no passage is a copy or a prefix of the one before.
                from = at + 1;
            }
            for (int i = 0; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    assertThat(covered[i]).as("%s char %d '%s' is in a passage", section.id(), i, text.charAt(i))
                            .isTrue();
                }
            }
        }
    }

    @Test
    void emptySectionsHaveNoPassageAndShortOnesAreOnePassage() {
        for (Section section : allRealSections()) {
            List<Passage> passages = chunker.chunk(section);
            if (section.text().isBlank()) {
                assertThat(passages).as(section.id()).isEmpty();
            } else if (section.text().length() <= Chunker.DEFAULT_MAX_CHARS) {
                assertThat(passages).as(section.id()).singleElement()
                        .satisfies(p -> assertThat(p.text()).isEqualTo(section.text()));
            } else {
                assertThat(passages).as(section.id()).hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void everyGoldQuoteSurvivesChunkingInOnePassage() {
        for (EvalGold gold : EvalGold.all()) {
            boolean whole = RealKnowledge.sections(gold.file()).stream()
                    .flatMap(s -> chunker.chunk(s).stream())
                    .anyMatch(p -> p.text().contains(gold.quote()));
            assertThat(whole).as(gold.key()).isTrue();
        }
    }

    @Test
    void packsWholeParagraphsAndBreaksBetweenThem() {
        String paragraph = "段落开头。" + "内容".repeat(60) + "。";           // 126 characters
        String text = IntStream.range(0, 5).mapToObj(i -> paragraph).collect(Collectors.joining("\n\n"));
        List<Passage> passages = chunker.chunk(section(text));
        // Three paragraphs and their two blank lines (382 characters) fit in 400, a fourth does not.
        // The last sentence (121 characters) is longer than the overlap limit, so nothing repeats.
        assertThat(passages).extracting(Passage::text).containsExactly(
                String.join("\n\n", paragraph, paragraph, paragraph), String.join("\n\n", paragraph, paragraph));
    }

    @Test
    void keepsALeadInWithTheLongListThatFollowsIt() {
        String item = "- 要点：" + "说明".repeat(40) + "。\n";
        String text = "可以分为以下几个方面：\n\n" + item.repeat(6).strip();
        List<Passage> passages = chunker.chunk(section(text));
        assertThat(passages.get(0).text()).startsWith("可以分为以下几个方面：\n\n- 要点：");
        assertThat(passages).hasSize(2);
    }

    @Test
    void splitsALongParagraphOnSentenceEndsAndRepeatsTheLastSentence() {
        String text = IntStream.range(0, 80).mapToObj(i -> "第" + i + "句讲一个创业要点！")
                .collect(Collectors.joining());
        List<Passage> passages = chunker.chunk(section(text));
        assertThat(passages).hasSizeGreaterThan(2);
        for (int i = 0; i < passages.size(); i++) {
            String p = passages.get(i).text();
            assertThat(p).startsWith("第").endsWith("！").hasSizeLessThanOrEqualTo(400);
            if (i > 0) {
                String previous = passages.get(i - 1).text();
                String lastSentence = previous.substring(previous.lastIndexOf('！', previous.length() - 2) + 1);
                assertThat(p).as("passage %d starts with the last sentence of %d", i, i - 1).startsWith(lastSentence);
            }
        }
    }

    @Test
    void keepsDecimalNumbersAndListMarkersInsideSentences() {
        String text = ("1. GPT-3.5 的参数规模很大，推理成本约为 0.5 元。\n").repeat(20);
        List<Passage> passages = chunker.chunk(section(text.strip()));
        assertThat(passages).allSatisfy(p -> assertThat(p.text()).startsWith("1. GPT-3.5").endsWith("元。"));
    }

    @Test
    void cutsASentenceLongerThanTheLimit() {
        String text = "没有标点的长句".repeat(100);
        List<Passage> passages = new Chunker(100, 20).chunk(section(text));
        assertThat(passages).allSatisfy(p -> assertThat(p.text()).hasSizeLessThanOrEqualTo(100));
        assertThat(passages.stream().map(Passage::text).collect(Collectors.joining())).isEqualTo(text);
    }

    @Test
    void numbersPassagesWithinTheirSection() {
        List<Passage> passages = new Chunker(20, 0).chunk(section("第一句话比较长一些。第二句话比较长一些。第三句话比较长一些。"));
        assertThat(passages).extracting(Passage::id).containsExactly("t.md#0/0", "t.md#0/1");
        assertThat(passages).extracting(Passage::ordinal).containsExactly(0, 1);
        assertThat(passages).allSatisfy(p -> assertThat(p.section().id()).isEqualTo("t.md#0"));
    }

    @Test
    void rejectsUnusableLimits() {
        assertThatThrownBy(() -> new Chunker(10, 0)).hasMessageContaining("maxChars");
        assertThatThrownBy(() -> new Chunker(400, 200)).hasMessageContaining("maxOverlapChars");
        assertThatThrownBy(() -> chunker.chunk(null)).hasMessageContaining("section == null");
    }
}
