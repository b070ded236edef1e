package startupcoach.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import startupcoach.compose.Answer;
import startupcoach.compose.Composer;
import startupcoach.conversation.ConversationalSearch;
import startupcoach.conversation.Turn;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.SearchResult;

/**
 * Scores multi-turn conversations: the earlier turns are asked first in one conversation (searched,
 * answered and remembered as the product does), then the last turn is scored with the rules of
 * {@link Evaluator}. Without memory every turn stands alone, the baseline to compare with.
 */
public final class TurnEvaluator {

    private static final int ANSWER_DEPTH = 5;

    private final ConversationalSearch search;
    private final Composer composer;
    private final boolean memory;

    /**
     * @param memory false to ask the last turn as if nothing came before
     */
    public TurnEvaluator(ConversationalSearch search, Composer composer, boolean memory) {
        this.search = Objects.requireNonNull(search, "search == null");
        this.composer = Objects.requireNonNull(composer, "composer == null");
        this.memory = memory;
    }

    public EvalReport run(String mode, List<TurnSet.Conversation> conversations) {
        List<EvalReport.Outcome> outcomes = new ArrayList<>();
        for (TurnSet.Conversation c : conversations) {
            List<Turn> history = new ArrayList<>();
            Instant at = Instant.EPOCH;
            int last = c.turns().size() - 1;
            for (int i = 0; i < last; i++) {
                String question = c.turns().get(i).question();
                ConversationalSearch.Resolution r = search.search(question, memory ? history : List.of(), ANSWER_DEPTH);
                Answer answer = composer.compose(r.result());
                at = at.plus(Duration.ofMinutes(1));
                history.add(new Turn(question, r.searchedQuery(), answer.citedSections().stream().map(Section::id).toList(), at));
            }
            EvalCase scored = c.asCase(last);
            ConversationalSearch.Resolution r = search.search(scored.question(), memory ? history : List.of(), Evaluator.MRR_DEPTH);
            SearchResult result = r.result();
            int rank = Evaluator.firstHitRank(scored, result.hits());
            List<String> top = result.hits().stream().limit(5).map(h -> h.passage().section().citation()).toList();
            SearchResult answered = new SearchResult(result.query(),
                    result.hits().subList(0, Math.min(ANSWER_DEPTH, result.hits().size())), result.covered(), result.coverage());
            boolean keyPoint = Evaluator.quotesAGoldSection(scored, composer.compose(answered));
            outcomes.add(new EvalReport.Outcome(scored, rank, !result.covered(), result.coverage(), top, keyPoint));
        }
        return new EvalReport(mode, outcomes);
    }
}
