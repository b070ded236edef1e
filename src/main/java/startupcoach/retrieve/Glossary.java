package startupcoach.retrieve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.knowledge.BrokenFileException;
import startupcoach.knowledge.StrictUtf8;

/**
 * An English → Chinese glossary read from the knowledge directory's {@code *.tsv} files
 * ({@code english<TAB>中文1|中文2}), used to bridge English questions to a Chinese knowledge base.
 *
 * <p>Immutable and thread-safe once loaded.
 */
public final class Glossary implements QueryExpander {

    /** Longest key, in words; "customer lifetime value model" is about as long as business jargon gets. */
    private static final int MAX_WORDS = 5;
    private static final Logger log = LoggerFactory.getLogger(Glossary.class);

    private final Map<String, List<String>> entries;
    /** Chinese term → the English key that renders it best (see {@link #english(String)}). */
    private final Map<String, String> englishByChinese;

    Glossary(Map<String, List<String>> entries) {
        this.entries = Map.copyOf(entries);
        this.englishByChinese = Map.copyOf(reverse(entries));
    }

    /**
     * The English rendering of a Chinese term, if the glossary has one: the key that lists the term
     * earliest among its alternatives (the term is its main sense there), shortest key on ties.
     */
    public java.util.Optional<String> english(String chinese) {
        return java.util.Optional.ofNullable(englishByChinese.get(chinese));
    }

    /** The longest Chinese term of the glossary, in characters; bounds a greedy match. */
    public int longestChinese() {
        return englishByChinese.keySet().stream().mapToInt(String::length).max().orElse(0);
    }

    /** A noun reads better in a heading than a verb ("analysis", not "analyse"); then the shorter one ("analysis", not "analytics"). */
    private static boolean readsBetter(String candidate, String current) {
        boolean nounish = NOUN_ENDING.matcher(candidate).find();
        if (nounish != NOUN_ENDING.matcher(current).find()) {
            return nounish;
        }
        return candidate.length() < current.length();
    }

    private static final java.util.regex.Pattern NOUN_ENDING =
            java.util.regex.Pattern.compile("(tion|sion|ment|sis|ity|ness|ance|ence|ship|ure|ics|ies|er|or|ist|cy|gy|ng)$");

    private static Map<String, String> reverse(Map<String, List<String>> entries) {
        Map<String, String> best = new HashMap<>();
        Map<String, Integer> bestAt = new HashMap<>();
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (int i = 0; i < e.getValue().size(); i++) {
                String zh = e.getValue().get(i);
                Integer at = bestAt.get(zh);
                if (at == null || i < at || (i == at && readsBetter(e.getKey(), best.get(zh)))) {
                    best.put(zh, e.getKey());
                    bestAt.put(zh, i);
                }
            }
        });
        return best;
    }

    /** An empty glossary: expands nothing. */
    public static Glossary empty() {
        return new Glossary(Map.of());
    }

    /** Loads every {@code *.tsv} in the directory; a malformed line is skipped with a warning. */
    public static Glossary load(Path knowledgeDir) {
        return load(knowledgeDir, false);
    }

    /**
     * Like {@link #load(Path)}, but a malformed line, a file that is not UTF-8 or cannot be read
     * fails: for a reload, where the glossary in service stays until the file is fixed.
     *
     * @throws BrokenFileException naming the file and line
     */
    public static Glossary loadStrict(Path knowledgeDir) {
        return load(knowledgeDir, true);
    }

    private static Glossary load(Path knowledgeDir, boolean strict) {
        Map<String, List<String>> entries = new HashMap<>();
        if (!Files.isDirectory(knowledgeDir)) {
            return empty();
        }
        try (Stream<Path> files = Files.list(knowledgeDir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".tsv")).sorted().toList()) {
                readInto(f, entries, strict);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read glossary files in " + knowledgeDir.toAbsolutePath(), e);
        }
        return new Glossary(entries);
    }

    private static void readInto(Path file, Map<String, List<String>> entries, boolean strict) throws IOException {
        String name = file.getFileName().toString();
        List<String> lines;
        if (strict) {
            try {
                lines = StrictUtf8.decode(name, Files.readAllBytes(file)).lines().toList();
            } catch (IOException e) {
                throw new BrokenFileException(name, 0, "cannot be read (" + e + "); check that it is a readable file");
            }
        } else {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 2 || cols[0].isBlank() || cols[1].isBlank()) {
                if (strict) {
                    throw new BrokenFileException(name, i + 1, "not a glossary line: expected english<TAB>中文1|中文2"
                            + " (exactly one tab, text on both sides), found " + cols.length + " column(s)");
                }
                log.warn("glossary.bad_line file={} line={}", file.getFileName(), i + 1);
                continue;
            }
            List<String> zh = Arrays.stream(cols[1].split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            entries.merge(normalise(cols[0]), zh, (a, b) -> Stream.concat(a.stream(), b.stream()).distinct().toList());
        }
    }

    public int size() {
        return entries.size();
    }

    /**
     * Chinese terms for the English words and phrases of the question, longest phrase first
     * ("customer acquisition cost" before "customer"). Words inside a matched phrase are not
     * looked up again, so "price war" does not also drag in every sense of "war".
     */
    @Override
    public List<Expansion> expand(String question, Language language) {
        List<String> words = splitUnknownCompounds(words(question));
        List<Expansion> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int n = Math.min(MAX_WORDS, words.size() - i); n >= 1 && matched == 0; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                List<String> zh = lookup(phrase);
                if (zh != null) {
                    out.add(new Expansion(phrase, zh));
                    matched = n;
                }
            }
            i += Math.max(1, matched);
        }
        return out;
    }

    /** "training-data" is not a key but "training" and "data" are: a hyphenated word the glossary lacks is looked up by its parts. */
    private List<String> splitUnknownCompounds(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            if (w.indexOf('-') > 0 && lookup(w) == null) {
                Arrays.stream(w.split("-")).filter(part -> !part.isEmpty()).forEach(out::add);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** Exact key, then the common English inflections: plurals, -ing, -ed. */
    private List<String> lookup(String phrase) {
        List<String> hit = entries.get(phrase);
        if (hit != null) {
            return hit;
        }
        for (String[] rule : new String[][] {{"ies", "y"}, {"es", ""}, {"s", ""}, {"ing", ""}, {"ing", "e"}, {"ed", ""}, {"ed", "e"}}) {
            if (phrase.endsWith(rule[0]) && phrase.length() > rule[0].length() + 2) {
                hit = entries.get(phrase.substring(0, phrase.length() - rule[0].length()) + rule[1]);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** Lower-case words; "&", "/", "-" and "'" stay inside a word (r&d, a/b, go-to-market). */
    static List<String> words(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<String> words = new ArrayList<>();
        for (String w : lower.split("[^a-z0-9&/'\\-.]+")) {
            String t = w.replaceAll("^[-'./]+|[-'./]+$", "");
            if (t.endsWith("'s")) {
                t = t.substring(0, t.length() - 2);
            }
            if (!t.isEmpty()) {
                words.add(t);
            }
        }
        return words;
    }

    private static String normalise(String key) {
        return String.join(" ", words(key));
    }
}
