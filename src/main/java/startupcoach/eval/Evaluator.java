package startupcoach.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.compose.Composer;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.SearchResult;

/**
 * Runs an evaluation set through a retriever and scores it as the eval README defines; with a
 * composer, also whether the composed answer quotes a point of a right section.
 */
public final class Evaluator {

    /** MRR counts a first hit down to this rank. */
    static final int MRR_DEPTH = 10;
    /** What the product asks the retriever for when it answers (the composer sees these hits). */
    private static final int ANSWER_DEPTH = 5;

    private final Retriever retriever;
    private final Composer composer;

    /** Retrieval only. */
    public Evaluator(Retriever retriever) {
        this(retriever, null);
    }

    /** @param composer null to score retrieval only */
    public Evaluator(Retriever retriever, Composer composer) {
        this.retriever = Objects.requireNonNull(retriever, "retriever == null");
        this.composer = composer;
    }

    public EvalReport run(String mode, List<EvalCase> cases) {
        List<EvalReport.Outcome> outcomes = new ArrayList<>();
        for (EvalCase c : cases) {
            SearchResult result = retriever.search(c.question(), MRR_DEPTH);
            int rank = firstHitRank(c, result.hits());
            List<String> top = result.hits().stream().limit(5).map(h -> h.passage().section().citation()).toList();
            Boolean keyPoint = null;
            if (composer != null) {
                SearchResult answered = new SearchResult(result.query(),
                        result.hits().subList(0, Math.min(ANSWER_DEPTH, result.hits().size())), result.covered(),
                        result.coverage());
                keyPoint = quotesAGoldSection(c, composer.compose(answered));
            }
            outcomes.add(new EvalReport.Outcome(c, rank, !result.covered(), result.coverage(), top, keyPoint));
        }
        return new EvalReport(mode, outcomes);
    }

    /** 1-based rank of the first hit that matches a gold entry, 0 when none does. */
    static int firstHitRank(EvalCase c, List<Hit> hits) {
        for (Hit hit : hits) {
            if (c.gold().stream().anyMatch(g -> matches(g, hit.passage()))) {
                return hit.rank();
            }
        }
        return 0;
    }

    static boolean matches(EvalCase.Gold gold, Passage passage) {
        if (!passage.section().fileName().equals(gold.file())) {
            return false;
        }
        return passage.section().heading().equals(gold.heading())
                || (gold.quote() != null && !gold.quote().isBlank() && passage.text().contains(gold.quote()));
    }

    /** Whether the answer quotes at least one point from a section that answers the question. */
    static boolean quotesAGoldSection(EvalCase c, Answer answer) {
        if (!answer.covered()) {
            return false;
        }
        for (CitedGroup g : answer.groups()) {
            if (!g.sentences().isEmpty() && c.gold().stream().anyMatch(gold -> matches(gold, g.section()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(EvalCase.Gold gold, Section section) {
        return section.fileName().equals(gold.file()) && (section.heading().equals(gold.heading())
                || (gold.quote() != null && !gold.quote().isBlank() && section.text().contains(gold.quote())));
    }
}
