package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which parts of an ask want something specific that a book of general advice does not hold: a
 * figure (a price, a percentage, how many), a rule (a law's terms, a tax, a filing, a licence), a
 * security (a stock, listing thresholds) or a vendor's current price. The knowledge base never
 * gives those; it may still give the general guidance asked for beside them.
 *
 * <ul>
 *   <li>only specific clauses ("港股18C的市值门槛具体是多少？") → decline;</li>
 *   <li>specific and general clauses ("抽成比例定在百分之几？定价时要考虑哪些因素？") → answer the
 *       general part and say first that the specific one is not covered;</li>
 *   <li>no specific clause → the ordinary abstain rule decides.</li>
 * </ul>
 * A clause is general when it asks how, what can go wrong, for examples or what something is
 * ({@link Intent}); a clause that is neither (a yes/no, "which vendor") counts for nothing.
 *
 * @param specific the ask's clauses that want a specific figure, rule, security or vendor price
 * @param general  the ask's clauses that want general guidance
 * @param kinds    what the specific clauses want
 */
public record Specificity(List<String> specific, List<String> general, Set<Kind> kinds) {

    /** What a specific clause wants; names the gap in the partial-coverage line. */
    public enum Kind { FIGURE, RULE, SECURITY }

    /** Questions whose answer is a number: the question word is the figure ("多少", "how many"). */
    private static final Pattern FIGURE = Pattern.compile(
            "多少|百分之几|几成|几个(人|月|工作日|亿|万)|几位|几天|几周|几年|几倍|几毫秒|"
                    + "\\bhow (much|many|long)\\b|\\bexact\\b|\\bwhat (specific|percentage|rate|price)\\b|\\bwhat .{0,30}\\bpercentage\\b|"
                    + "\\bper (hour|month|year|seat|user|million|thousand|1k|token|call)\\b|\\bcost (us|per)\\b|"
                    + "\\bwhat (does|do|did|would|will) .{0,40}\\b(cost|charge)\\b|\\bcheapest\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile(
            "税率|税额|报税|纳税申报|印花税|所得税|增值税|备案|许可证|牌照|资质|社保|公积金|劳动法.{0,6}(规定|要求)|法律规定|法条|"
                    + "补贴.{0,4}(申请|标准|金额)|申请.{0,8}补贴|工商变更|提交哪些材料|"
                    + "\\btax (rate|form|return|filing)\\b|\\bfranchise tax\\b|\\bwhich form\\b|\\bfile by\\b|\\bfiling\\b|"
                    + "\\bpenalty\\b|\\bnotice period\\b|\\bseverance\\b|\\blaw require|\\blegally required\\b|\\bstatute\\b|"
                    + "\\blicen[cs]e (do we need|required)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECURITY = Pattern.compile(
            "股票|股价|个股|概念股|市值|(港股|美股|A股|科创板|创业板|主板|18C).{0,8}上市|上市(门槛|条件|标准|规则)|IPO|"
                    + "\\bstocks?\\b|\\bshare price\\b|\\bmarket cap\\b|\\bipo\\b|\\blisting (rules|requirements)\\b",
            Pattern.CASE_INSENSITIVE);
    /** English clauses joined by "and"/"or" before a new question word. */
    private static final Pattern EN_CLAUSES = Pattern.compile(
            ",?\\s+(?:and|or|but)\\s+(?=(?:how|what|which|where|when|why|who|do|does|did|is|are|should|can|could|would)\\b)",
            Pattern.CASE_INSENSITIVE);

    public Specificity {
        specific = List.copyOf(specific);
        general = List.copyOf(general);
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(kinds);
    }

    public static Specificity of(String ask) {
        List<String> specific = new ArrayList<>();
        List<String> general = new ArrayList<>();
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String clause : clauses(ask)) {
            Set<Kind> found = kindsOf(clause);
            if (!found.isEmpty()) {
                specific.add(clause);
                kinds.addAll(found);
            } else if (!Intent.of(clause).isEmpty()) {
                general.add(clause);
            }
        }
        return new Specificity(specific, general, kinds);
    }

    /** The ask asks for something specific and for nothing general: the knowledge base cannot answer it. */
    public boolean onlySpecific() {
        return !specific.isEmpty() && general.isEmpty();
    }

    /** The ask wants a specific thing and general guidance: answer the guidance, say the rest is missing. */
    public boolean partial() {
        return !specific.isEmpty() && !general.isEmpty();
    }

    static List<String> clauses(String ask) {
        List<String> out = new ArrayList<>();
        for (String sentence : QuestionParts.sentences(ask)) {
            for (String part : EN_CLAUSES.split(sentence)) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static Set<Kind> kindsOf(String clause) {
        String text = clause.toLowerCase(Locale.ROOT);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (FIGURE.matcher(text).find()) {
            kinds.add(Kind.FIGURE);
        }
        if (RULE.matcher(text).find()) {
            kinds.add(Kind.RULE);
        }
        if (SECURITY.matcher(text).find()) {
            kinds.add(Kind.SECURITY);
        }
        return kinds;
    }
}
