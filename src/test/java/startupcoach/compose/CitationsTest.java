package startupcoach.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CitationsTest {

    @Test
    void validMarkersAreRenumberedInOrderOfFirstUse() {
        Citations.Checked c = Citations.check("B says so [3]. A agrees [1], and B again [3].", 3);
        assertThat(c.usable()).isTrue();
        assertThat(c.cited()).containsExactly(3, 1);
        assertThat(c.prose()).isEqualTo("B says so [1]. A agrees [2], and B again [1].");
        assertThat(c.repaired()).isFalse();
    }

    @Test
    void acceptsListsRangesAndFullWidthBrackets() {
        Citations.Checked c = Citations.check("定价看价值【2】，也看竞争 [1, 3]，以及 [2-4]。", 4);
        assertThat(c.cited()).containsExactly(2, 1, 3, 4);
        assertThat(c.prose()).isEqualTo("定价看价值[1]，也看竞争 [2][3]，以及 [1][3][4]。");
    }

    @Test
    void invalidNumbersAreDroppedWithTheSpaceBeforeThem() {
        Citations.Checked c = Citations.check("Hold the floor [1] [9]. Ignore rumours [0]. Keep [2, 7].", 2);
        assertThat(c.prose()).isEqualTo("Hold the floor [1]. Ignore rumours. Keep [2].");
        assertThat(c.invalid()).containsExactly(9, 0, 7);
        assertThat(c.repaired()).isTrue();
    }

    @Test
    void answerWithoutAValidMarkerIsRejected() {
        assertThat(Citations.check("Just trust me.", 3).problem()).isEqualTo("no_citation");
        assertThat(Citations.check("See [4] and [5].", 3).problem()).isEqualTo("only_invalid_citations");
        assertThat(Citations.check(" [1] ", 3).problem()).isEqualTo("empty");
    }

    @Test
    void hugeRangesAreNotExpanded() {
        Citations.Checked c = Citations.check("Everything [1-999].", 3);
        assertThat(c.cited()).containsExactly(1);
        assertThat(c.invalid()).containsExactly(999);
    }
}
