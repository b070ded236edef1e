package startupcoach.compose.llm;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with named placeholders such as {@code {{question}}}, checked when it is loaded: every
 * placeholder it uses must be one it is allowed, and every allowed one must be used (a prompt
 * without {@code {{passages}}} would make the model answer from nothing).
 *
 * @param name         the file name, e.g. {@code answer.md}
 * @param source       where it was loaded from, for messages ({@code prompts/answer.md}, a directory path)
 * @param text         the template, line ends normalised to {@code \n}, trailing white space removed
 * @param placeholders the placeholder names it uses, exactly the allowed ones
 */
public record PromptTemplate(String name, String source, String text, Set<String> placeholders) {

    /** {@code {{ name }}}; anything else between double braces is reported, not silently kept. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public PromptTemplate {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(source, "source == null");
        Objects.requireNonNull(text, "text == null");
        placeholders = Set.copyOf(placeholders);
    }

    /**
     * Checks a template's placeholders against the allowed set.
     *
     * @throws IllegalArgumentException naming the source and the offending placeholder: unknown, malformed
     *                                  or unclosed, or an allowed one that is missing
     */
    public static PromptTemplate parse(String name, String source, String raw, Set<String> allowed) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        if (text.isBlank()) {
            throw new IllegalArgumentException("prompt " + source + " is empty");
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int checked = 0;
        while (m.find()) {
            unclosed(text.substring(checked, m.start()), source);
            String p = m.group(1);
            if (!NAME.matcher(p).matches() || !allowed.contains(p)) {
                throw new IllegalArgumentException("prompt " + source + ": unknown placeholder {{" + p + "}}; allowed: "
                        + list(allowed));
            }
            used.add(p);
            checked = m.end();
        }
        unclosed(text.substring(checked), source);
        Set<String> missing = new TreeSet<>(allowed);
        missing.removeAll(used);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("prompt " + source + ": missing placeholder " + list(missing)
                    + " (it must use " + list(allowed) + ")");
        }
        return new PromptTemplate(name, source, text, used);
    }

    /**
     * The template with every placeholder replaced, in one pass: a value that itself contains
     * {@code {{question}}} stays as it is, so user text can never expand into more prompt.
     *
     * @throws IllegalArgumentException when {@code values} lacks a placeholder or has one the template does not use
     */
    public String render(Map<String, String> values) {
        if (!values.keySet().equals(placeholders)) {
            throw new IllegalArgumentException("prompt " + source + " takes " + list(placeholders) + " but got "
                    + list(values.keySet()));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void unclosed(String between, String source) {
        int open = between.indexOf("{{");
        if (open >= 0) {
            String near = between.substring(open, Math.min(between.length(), open + 20)).replace('\n', ' ');
            throw new IllegalArgumentException("prompt " + source + ": unclosed placeholder near \"" + near + "\"");
        }
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "no placeholders"
                : String.join(", ", new TreeSet<>(names).stream().map(n -> "{{" + n + "}}").toList());
    }
}
