package startupcoach.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The scores of one evaluation run, by language: Recall@1/3/5 and MRR over answerable questions,
 * abstain accuracy over both kinds.
 */
public record EvalReport(String mode, List<Outcome> outcomes) {

    /**
     * @param rank       rank of the first gold hit (0 = none in the top 10)
     * @param abstained  whether the retriever judged the question not covered
     * @param top        citations of the top hits, for reading failures
     */
    public record Outcome(EvalCase evalCase, int rank, boolean abstained, double coverage, List<String> top) {
    }

    /** Scores over a subset of the questions. */
    public record Scores(String lang, int answerable, int unanswerable, double recall1, double recall3,
                         double recall5, double mrr, double abstainOnUnanswerable, double answerOnAnswerable) {
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
        return new Scores(label, ans.size(), unans.size(),
                share(ans, o -> o.rank() == 1), share(ans, o -> o.rank() >= 1 && o.rank() <= 3),
                share(ans, o -> o.rank() >= 1 && o.rank() <= 5),
                ans.isEmpty() ? Double.NaN : ans.stream().mapToDouble(o -> o.rank() == 0 ? 0 : 1.0 / o.rank()).average().orElse(0),
                share(unans, Outcome::abstained), share(ans, o -> !o.abstained()));
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
                "%-7s %-4s %4s %6s %6s %6s %6s %11s %11s%n", "mode", "lang", "n", "R@1", "R@3", "R@5", "MRR",
                "abstained", "answered"));
        for (Scores s : byLanguage()) {
            out.append(String.format(Locale.ROOT, "%-7s %-4s %4d %6s %6s %6s %6s %11s %11s%n", mode, s.lang(),
                    s.answerable() + s.unanswerable(), f(s.recall1()), f(s.recall3()), f(s.recall5()), f(s.mrr()),
                    count(s.abstainOnUnanswerable(), s.unanswerable()), count(s.answerOnAnswerable(), s.answerable())));
        }
        out.append("R@k, MRR over answerable questions; abstained = unanswerable ones declined; answered = answerable ones not declined\n");
        return out.toString();
    }

    /** "2/3": how many of n, from a share. */
    private static String count(double share, int n) {
        return Double.isNaN(share) ? "-" : Math.round(share * n) + "/" + n;
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
