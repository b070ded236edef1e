package startupcoach.conversation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a question shows that it leans on what was said before: words that point back ("这几步",
 * "that data", "it"), openers that continue ("那…", "and…", "what about…"), requests to go on
 * ("具体怎么做", "any examples?", "展开说说") and references to a point of the last answer ("第二点",
 * "the second point"). Language cues only: nothing here knows the knowledge base's topics.
 */
final class FollowUps {

    private static final Pattern ZH_CUE = Pattern.compile(
            "^(那|那么|还有|另外|再|如果|要是|假如|可是|但是?|所以|然后|以及|和|对于|至于)"
                    + "|这(几|些|个|种|样|步|点|块|里|方面)|那(些|个|种|样|块|方面)|上面|上述|刚才|前面|其中|它们?|他们|她们"
                    + "|具体|展开|详细|细说|举.{0,2}例|例子|案例|呢\\s*[？?]?\\s*$|第\\s*[一二三四五六七八九十\\d]+\\s*(点|条|个|部分|节|项)");
    private static final Pattern EN_CUE = Pattern.compile(
            "^\\s*(and|so|ok(ay)?|then|but|also|what about|how about|say|now|right)\\b"
                    + "|\\b(it|its|that|this|those|these|them|they|there|one|ones|above|more|examples?|elaborate|expand|details?"
                    + "|first|second|third|fourth|fifth|instead|else)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ZH_ORDINAL = Pattern.compile("第\\s*([一二三四五12345])\\s*(点|条|个|部分|节|项)");
    private static final Pattern EN_ORDINAL = Pattern.compile(
            "\\b(first|second|third|fourth|fifth)\\s+(point|one|section|part|item)\\b|\\bpoint\\s+([1-5])\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String ZH_NUMBERS = "一二三四五";
    private static final String[] EN_NUMBERS = {"first", "second", "third", "fourth", "fifth"};

    private FollowUps() {
    }

    /** Whether the wording points back to the conversation so far. */
    static boolean pointsBack(String question) {
        return ZH_CUE.matcher(question.strip()).find() || EN_CUE.matcher(question).find();
    }

    /** "第二点" / "the second point" → 1 (0-based index into the last answer's points). */
    static Optional<Integer> ordinal(String question) {
        Matcher zh = ZH_ORDINAL.matcher(question);
        if (zh.find()) {
            String n = zh.group(1);
            int i = ZH_NUMBERS.indexOf(n);
            return Optional.of(i >= 0 ? i : Integer.parseInt(n) - 1);
        }
        Matcher en = EN_ORDINAL.matcher(question);
        if (en.find()) {
            if (en.group(3) != null) {
                return Optional.of(Integer.parseInt(en.group(3)) - 1);
            }
            String word = en.group(1).toLowerCase(Locale.ROOT);
            for (int i = 0; i < EN_NUMBERS.length; i++) {
                if (EN_NUMBERS[i].equals(word)) {
                    return Optional.of(i);
                }
            }
        }
        return Optional.empty();
    }
}
