package startupcoach.dingtalk;

import java.util.regex.Pattern;

/** Turns {@code text.content} into the question: without the @robot mention and the spaces around it. */
final class Mentions {

    /** Whitespace as DingTalk writes it: after an @mention it inserts U+2005, users type U+3000 too. */
    private static final String SPACE = "[\\s\\u00A0\\u2000-\\u200B\\u3000]";
    /**
     * DingTalk removes the robot's "@name" from the content but keeps the space that followed it;
     * a name typed by hand, or a copied message, still starts with "@name". Any leading mention
     * is addressing, not part of the question.
     */
    private static final Pattern LEADING = Pattern.compile("^(?:" + SPACE + "*@[^\\s\\u00A0\\u2000-\\u200B\\u3000]+)*" + SPACE + "*");
    private static final Pattern TRAILING = Pattern.compile(SPACE + "+$");

    private Mentions() {
    }

    static String stripLeading(String content) {
        if (content == null) {
            return "";
        }
        String text = LEADING.matcher(content).replaceFirst("");
        return TRAILING.matcher(text).replaceFirst("");
    }
}
