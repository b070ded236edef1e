package startupcoach.compose.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.retrieve.Language;

/**
 * The prompt templates: the repository's {@code prompts/} folder, packaged into the jar under
 * {@code prompts/}, each file optionally replaced by one of the same name in an override directory.
 * All are loaded and checked at start, so a broken template stops start-up instead of a reply.
 *
 * <p>Immutable and thread-safe.
 */
public final class Prompts {

    /** One template: its file name and the placeholders it must use. */
    public enum Name {
        /** The system message, sent verbatim: no placeholders, so no user text can reach it. */
        SYSTEM("system.md", Set.of()),
        /** The user message of an answer: numbered passages, then the quoted question. */
        ANSWER("answer.md", Set.of("count", "passages", "question", "language")),
        /** Introduction of a digest post. */
        DIGEST_INTRO("digest-intro.md", Set.of("topics", "passages", "language")),
        /** Follow-up questions after an answer. */
        FOLLOW_UPS("follow-ups.md", Set.of("question", "sections", "language")),
        /** Translation of a question into the knowledge base's language, for retrieval. */
        TRANSLATE_QUERY("translate-query.md", Set.of("question", "target_language"));

        private final String file;
        private final Set<String> placeholders;

        Name(String file, Set<String> placeholders) {
            this.file = file;
            this.placeholders = placeholders;
        }

        public String file() {
            return file;
        }

        public Set<String> placeholders() {
            return placeholders;
        }
    }

    /** Where the packaged defaults are on the class path (copied from the repository's prompts/). */
    static final String RESOURCE_DIR = "prompts/";
    private static final Logger log = LoggerFactory.getLogger(Prompts.class);

    private final Map<Name, PromptTemplate> templates;

    private Prompts(Map<Name, PromptTemplate> templates) {
        this.templates = Map.copyOf(templates);
    }

    /** The packaged templates. */
    public static Prompts defaults() {
        return load(null);
    }

    /**
     * The packaged templates, each replaced by the file of the same name in {@code overrideDir} when
     * there is one.
     *
     * @param overrideDir a directory of templates, or null for the packaged ones only
     * @throws IllegalArgumentException when the directory does not exist or a template is invalid
     *                                  (the message names the file and the placeholder)
     * @throws UncheckedIOException     when a file cannot be read
     */
    public static Prompts load(Path overrideDir) {
        if (overrideDir != null && !Files.isDirectory(overrideDir)) {
            throw new IllegalArgumentException("prompts directory " + overrideDir.toAbsolutePath().normalize() + " does not exist");
        }
        Map<Name, PromptTemplate> templates = new EnumMap<>(Name.class);
        List<String> overridden = new ArrayList<>();
        for (Name n : Name.values()) {
            Path file = overrideDir == null ? null : overrideDir.resolve(n.file());
            if (file != null && Files.isRegularFile(file)) {
                templates.put(n, PromptTemplate.parse(n.file(), file.toAbsolutePath().normalize().toString(), read(file), n.placeholders()));
                overridden.add(n.file());
            } else {
                templates.put(n, PromptTemplate.parse(n.file(), RESOURCE_DIR + n.file(), resource(n.file()), n.placeholders()));
            }
        }
        if (overrideDir != null) {
            warnAboutStrangers(overrideDir);
        }
        log.info("prompts.loaded overrideDir={} overridden={}", overrideDir == null ? "-" : overrideDir.toAbsolutePath().normalize(),
                overridden);
        return new Prompts(templates);
    }

    public PromptTemplate get(Name name) {
        return templates.get(name);
    }

    public PromptTemplate system() {
        return get(Name.SYSTEM);
    }

    public PromptTemplate answer() {
        return get(Name.ANSWER);
    }

    public PromptTemplate digestIntro() {
        return get(Name.DIGEST_INTRO);
    }

    public PromptTemplate followUps() {
        return get(Name.FOLLOW_UPS);
    }

    public PromptTemplate translateQuery() {
        return get(Name.TRANSLATE_QUERY);
    }

    /** How prompts name a language to the model: "Answer in {{language}}". */
    public static String languageName(Language language) {
        return language == Language.EN ? "English" : "Chinese (简体中文)";
    }

    /** "systen.md" in the override directory is a typo the operator wants to hear about. */
    private static void warnAboutStrangers(Path dir) {
        Set<String> known = Stream.of(Name.values()).map(Name::file).collect(java.util.stream.Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".md") && !known.contains(f))
                    .sorted()
                    .forEach(f -> log.warn("prompts.unknown_file file={} dir={} known={}", f, dir.toAbsolutePath().normalize(),
                            known.stream().sorted().toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list prompts directory " + dir.toAbsolutePath().normalize(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt " + file.toAbsolutePath().normalize(), e);
        }
    }

    private static String resource(String file) {
        try (InputStream in = Prompts.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("packaged prompt " + RESOURCE_DIR + file + " is missing from the class path"
                        + " (the build copies the repository's prompts/ folder into the jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read packaged prompt " + RESOURCE_DIR + file, e);
        }
    }
}
