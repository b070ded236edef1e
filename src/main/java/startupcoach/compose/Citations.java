package startupcoach.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the passage markers of a language model's answer against the passages it was given, and
 * repairs what can be repaired: a marker naming a passage that was not given ({@code [9]} of five)
 * is dropped; the valid ones are renumbered in order of first use, so {@code [n]} in the prose is
 * the n-th cited section. An answer with no valid marker left cannot be checked by a reader and is
 * rejected.
 *
 * <p>Accepts the spellings models use: {@code [2]}, {@code [1, 3]}, {@code [1][3]}, {@code [1-3]}
 * and the full-width {@code 【2】} of Chinese answers.
 */
final class Citations {

    private static final Pattern MARKER = Pattern.compile(
            "[\\[【]\\s*(\\d{1,3}(?:\\s*(?:[,，、;；]|[-–~])\\s*\\d{1,3})*)\\s*[\\]】]");
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*[-–~]\\s*(\\d+)");
    /** "[1-999]" is not a citation anyone can check: ranges expand to at most this many numbers. */
    private static final int MAX_RANGE = 10;
    /** An answer that is only markers and punctuation says nothing. */
    private static final int MIN_LETTERS = 4;

    /**
     * @param prose   the text with valid markers renumbered and invalid ones removed
     * @param cited   the given passages' 1-based numbers, in order of first citation; {@code [k]}
     *                in {@code prose} refers to {@code cited.get(k - 1)}
     * @param invalid the numbers cited that were not given, in order
     * @param problem why the answer is rejected ({@code no_citation}, {@code only_invalid_citations},
     *                {@code empty}), or null when it is usable
     */
    record Checked(String prose, List<Integer> cited, List<Integer> invalid, String problem) {

        Checked {
            Objects.requireNonNull(prose, "prose == null");
            cited = List.copyOf(cited);
            invalid = List.copyOf(invalid);
        }

        boolean usable() {
            return problem == null;
        }

        boolean repaired() {
            return usable() && !invalid.isEmpty();
        }
    }

    private Citations() {
    }

    /**
     * @param text  what the model wrote
     * @param given how many passages it was given, numbered 1..given
     */
    static Checked check(String text, int given) {
        Map<Integer, Integer> renumbered = new LinkedHashMap<>();
        List<Integer> invalid = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        Matcher m = MARKER.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            Set<Integer> kept = new LinkedHashSet<>();
            for (int n : numbers(m.group(1))) {
                if (n >= 1 && n <= given) {
                    kept.add(renumbered.computeIfAbsent(n, k -> renumbered.size() + 1));
                } else {
                    invalid.add(n);
                }
            }
            if (kept.isEmpty()) {
                // "…成本 [9]。" → "…成本。": the space before a dropped marker goes with it.
                while (!out.isEmpty() && (out.charAt(out.length() - 1) == ' ' || out.charAt(out.length() - 1) == '\t')) {
                    out.setLength(out.length() - 1);
                }
            } else {
                kept.stream().sorted().forEach(k -> out.append('[').append(k).append(']'));
            }
            last = m.end();
        }
        out.append(text.substring(last));
        String prose = out.toString().strip();
        List<Integer> cited = List.copyOf(renumbered.keySet());
        String problem = null;
        if (cited.isEmpty()) {
            problem = invalid.isEmpty() ? "no_citation" : "only_invalid_citations";
        } else if (MARKER.matcher(prose).replaceAll("").codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            problem = "empty";
        }
        return new Checked(prose, cited, invalid, problem);
    }

    private static List<Integer> numbers(String list) {
        List<Integer> out = new ArrayList<>();
        for (String part : list.split("\\s*[,，、;；]\\s*")) {
            Matcher r = RANGE.matcher(part);
            if (r.matches()) {
                int from = Integer.parseInt(r.group(1));
                int to = Integer.parseInt(r.group(2));
                if (to < from || to - from >= MAX_RANGE) {
                    out.add(from);
                    out.add(to);
                } else {
                    for (int n = from; n <= to; n++) {
                        out.add(n);
                    }
                }
            } else {
                out.add(Integer.parseInt(part.strip()));
            }
        }
        return out;
    }
}
