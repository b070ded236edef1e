package startupcoach.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The scores of one evaluation run, by language: Recall@1/3/5 and MRR over answerable questions,
 * abstain accuracy over both kinds and, when answers were composed, the share of answered
 * questions whose answer quotes a point of a right section.
 */
public record EvalReport(String mode, List<Outcome> outcomes) {

    /**
     * @param rank       rank of the first gold hit (0 = none in the top 10)
     * @param abstained  whether the retriever judged the question not covered
     * @param top        citations of the top hits, for reading failures
     * @param keyPoint   whether the composed answer quotes a right section; null when not composed
     */
    public record Outcome(EvalCase evalCase, int rank, boolean abstained, double coverage, List<String> top,
                          Boolean keyPoint) {

        /** An answerable question not found in the top 3 or declined, or an unanswerable one answered. */
        public boolean failed() {
            return evalCase.answerable() ? abstained || rank < 1 || rank > 3 : !abstained;
        }
    }

    /** Scores over a subset of the questions; {@code keyPoint} is NaN when answers were not composed. */
    public record Scores(String lang, int answerable, int unanswerable, double recall1, double recall3,
                         double recall5, double mrr, double abstainOnUnanswerable, double answerOnAnswerable,
                         double keyPoint) {
    }

    public EvalReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<Scores> byLanguage() {
        List<Scores> rows = new ArrayList<>();
        outcomes.stream().map(o -> o.evalCase().lang()).distinct().sorted()
                .forEach(lang -> rows.add(scores(lang, o -> o.evalCase().lang().equals(lang))));
        rows.add(scores("all", o -> true));
        return rows;
    }

    public Scores scores(String label, Predicate<Outcome> filter) {
        List<Outcome> ans = outcomes.stream().filter(filter).filter(o -> o.evalCase().answerable()).toList();
        List<Outcome> unans = outcomes.stream().filter(filter).filter(o -> !o.evalCase().answerable()).toList();
        List<Outcome> composed = ans.stream().filter(o -> o.keyPoint() != null).toList();
        return new Scores(label, ans.size(), unans.size(),
                share(ans, o -> o.rank() == 1), share(ans, o -> o.rank() >= 1 && o.rank() <= 3),
                share(ans, o -> o.rank() >= 1 && o.rank() <= 5),
                ans.isEmpty() ? Double.NaN : ans.stream().mapToDouble(o -> o.rank() == 0 ? 0 : 1.0 / o.rank()).average().orElse(0),
                share(unans, Outcome::abstained), share(ans, o -> !o.abstained()),
                share(composed, Outcome::keyPoint));
    }

    private static double share(List<Outcome> list, Predicate<Outcome> p) {
        return list.isEmpty() ? Double.NaN : (double) list.stream().filter(p).count() / list.size();
    }

    /** Share of answerable questions with a gold hit in the top k. */
    public double recallAt(int k) {
        List<Outcome> ans = outcomes.stream().filter(o -> o.evalCase().answerable()).toList();
        return share(ans, o -> o.rank() >= 1 && o.rank() <= k);
    }

    /** A fixed-width table for the terminal and the README. */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-7s %-4s %4s %6s %6s %6s %6s %11s %11s %9s%n", "mode", "lang", "n", "R@1", "R@3", "R@5", "MRR",
                "abstained", "answered", "keypoint"));
        for (Scores s : byLanguage()) {
            out.append(String.format(Locale.ROOT, "%-7s %-4s %4d %6s %6s %6s %6s %11s %11s %9s%n", mode, s.lang(),
                    s.answerable() + s.unanswerable(), f(s.recall1()), f(s.recall3()), f(s.recall5()), f(s.mrr()),
                    count(s.abstainOnUnanswerable(), s.unanswerable()), count(s.answerOnAnswerable(), s.answerable()),
                    count(s.keyPoint(), s.answerable())));
        }
        out.append("R@k, MRR over answerable questions; abstained = unanswerable ones declined; answered = answerable"
                + " ones not declined; keypoint = answerable ones whose answer quotes a right section\n");
        return out.toString();
    }

    /**
     * The questions that went wrong, with what was retrieved: answerable ones without a right
     * section in the top 3 or declined, unanswerable ones answered.
     */
    public String failures() {
        StringBuilder out = new StringBuilder();
        for (Outcome o : outcomes) {
            // An unanswerable question quotes no gold section by definition: only its abstaining counts.
            boolean quotesNothingRight = o.evalCase().answerable() && Boolean.FALSE.equals(o.keyPoint());
            if (!o.failed() && !quotesNothingRight) {
                continue;
            }
            EvalCase c = o.evalCase();
            String verdict = !c.answerable() ? "answered, should decline"
                    : o.abstained() ? "declined" + (o.rank() > 0 ? " (gold at rank " + o.rank() + ")" : "")
                    : o.rank() == 0 ? "gold not in top 10"
                    : o.rank() > 3 ? "gold at rank " + o.rank()
                    : "answer quotes no right section";
            out.append(String.format(Locale.ROOT, "%s %s [%s] %s (coverage %.2f)%n  %s%n", mode, c.id(), c.lang(),
                    verdict, o.coverage(), c.question()));
            c.gold().forEach(g -> out.append("    gold: ").append(g.file()).append(" › ").append(g.heading()).append('\n'));
            o.top().stream().limit(3).forEach(t -> out.append("    got:  ").append(t).append('\n'));
        }
        return out.isEmpty() ? mode + ": no failures\n" : out.toString();
    }

    /** "2/3": how many of n, from a share. */
    private static String count(double share, int n) {
        return Double.isNaN(share) ? "-" : Math.round(share * n) + "/" + n;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
