package startupcoach.eval;

import java.util.ArrayList;
import java.util.List;
import startupcoach.knowledge.Passage;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.SearchResult;

/** Runs an evaluation set through a retriever and scores it as the eval README defines. */
public final class Evaluator {

    /** MRR counts a first hit down to this rank. */
    static final int MRR_DEPTH = 10;

    private final Retriever retriever;

    public Evaluator(Retriever retriever) {
        this.retriever = retriever;
    }

    public EvalReport run(String mode, List<EvalCase> cases) {
        List<EvalReport.Outcome> outcomes = new ArrayList<>();
        for (EvalCase c : cases) {
            SearchResult result = retriever.search(c.question(), MRR_DEPTH);
            int rank = firstHitRank(c, result.hits());
            List<String> top = result.hits().stream().limit(5).map(h -> h.passage().section().citation()).toList();
            outcomes.add(new EvalReport.Outcome(c, rank, !result.covered(), result.coverage(), top));
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
                || (gold.quote() != null && passage.text().contains(gold.quote()));
    }
}
