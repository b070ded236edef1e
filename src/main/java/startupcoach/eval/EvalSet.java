package startupcoach.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads evaluation sets in the JSON Lines format of the eval README. */
public final class EvalSet {

    /** The development set shipped inside the jar, so {@code eval} and {@code bench} work anywhere. */
    public static final String BUNDLED = "/eval/dev.jsonl";
    /**
     * Sets shipped inside the jar, by the name {@code eval --set} accepts: short questions and
     * situation-first ones (founders' context before the ask).
     */
    public static final Map<String, String> NAMED = Map.of(
            "dev", BUNDLED,
            "scenario", "/eval/scenario-dev.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSet() {
    }

    /** Loads a file, or the bundled dev set when {@code file} is null. */
    public static List<EvalCase> load(Path file) {
        return file == null ? resource(BUNDLED) : file(file);
    }

    /**
     * Loads a bundled set by name ({@link #NAMED}), else a file by path.
     *
     * @throws IllegalArgumentException naming the bundled sets when neither exists
     */
    public static List<EvalCase> named(String nameOrPath) {
        if (nameOrPath == null) {
            return resource(BUNDLED);
        }
        String resource = NAMED.get(nameOrPath.strip().toLowerCase(java.util.Locale.ROOT));
        if (resource != null) {
            return resource(resource);
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("evaluation set not found: " + file.toAbsolutePath()
                    + " (bundled sets: " + String.join(", ", NAMED.keySet().stream().sorted().toList()) + ")");
        }
        return file(file);
    }

    /** A classpath resource of the jar (or of the tests), e.g. {@code /eval/heldout-short.jsonl}. */
    public static List<EvalCase> resource(String name) {
        try (InputStream in = EvalSet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("evaluation set not on the classpath: " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + name, e);
        }
    }

    private static List<EvalCase> file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("evaluation set not found: " + file.toAbsolutePath());
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + file, e);
        }
    }

    static List<EvalCase> parse(String jsonl, String source) {
        return JsonLines.parse(JSON, jsonl, source, EvalCase.class, "eval case");
    }
}
