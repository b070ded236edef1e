package startupcoach.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits passage text into sentences that can be quoted verbatim. */
final class Sentences {

    /** A sentence ends at Chinese or Western end punctuation, or at a line break (list items). */
    private static final Pattern SENTENCE = Pattern.compile("[^。！？!?；;\\n]+[。！？!?；;]*");

    private Sentences() {
    }

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SENTENCE.matcher(text);
        while (m.find()) {
            String s = m.group().strip();
            if (isQuotable(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Bare list markers, separators and one-word fragments are not worth quoting. */
    private static boolean isQuotable(String s) {
        long letters = s.codePoints().filter(Character::isLetterOrDigit).count();
        return letters >= 6;
    }
}
