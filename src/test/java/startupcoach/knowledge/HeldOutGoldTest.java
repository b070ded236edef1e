package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import startupcoach.eval.EvalCase;
import startupcoach.eval.EvalSet;

/**
 * The gold of the held-out sets (written for this project, in new wording) and of the bundled
 * scenario set must point at real body sections: exact heading, quote inside that section's text.
 * A gold entry the parser cannot satisfy would make a recall figure meaningless.
 */
class HeldOutGoldTest {

    @ParameterizedTest
    @ValueSource(strings = {"/eval/heldout-scenarios.jsonl", "/eval/heldout-short.jsonl", "/eval/scenario-dev.jsonl"})
    void everyGoldQuoteLiesInABodySectionWithTheGoldHeading(String set) {
        List<EvalCase> cases = EvalSet.resource(set);
        List<String> wrong = new ArrayList<>();
        for (EvalCase c : cases) {
            assertThat(c.answerable()).as(c.id() + " answerable iff it has gold").isEqualTo(!c.gold().isEmpty());
            for (EvalCase.Gold g : c.gold()) {
                assertThat(g.quote()).as(c.id() + " quote").isNotBlank();
                boolean ok = RealKnowledge.withHeading(g.file(), g.heading()).stream()
                        .anyMatch(s -> s.kind() == SectionKind.BODY && s.text().contains(g.quote()));
                if (!ok) {
                    wrong.add(c.id() + " " + g.file() + " | " + g.heading() + " | " + g.quote());
                }
            }
        }
        assertThat(wrong).as("gold entries without a matching body section").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/eval/heldout-scenarios.jsonl", "/eval/heldout-short.jsonl"})
    void heldOutSetsAreLargeEnoughToMeasureWith(String set) {
        List<EvalCase> cases = EvalSet.resource(set);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases).filteredOn(c -> !c.answerable()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(cases).extracting(EvalCase::lang).contains("zh", "en");
    }
}
