package startupcoach.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads evaluation sets in the JSON Lines format of the eval README. */
public final class EvalSet {

    /** The development set shipped inside the jar, so {@code eval} and {@code bench} work anywhere. */
    public static final String BUNDLED = "/eval/dev.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalSet() {
    }

    /** Loads a file, or the bundled dev set when {@code file} is null. */
    public static List<EvalCase> load(Path file) {
        try {
            if (file == null) {
                try (InputStream in = EvalSet.class.getResourceAsStream(BUNDLED)) {
                    return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED);
                }
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("evaluation set not found: " + file.toAbsolutePath());
            }
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + file, e);
        }
    }

    static List<EvalCase> parse(String jsonl, String source) {
        List<EvalCase> cases = new ArrayList<>();
        String[] lines = jsonl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                cases.add(JSON.readValue(line, EvalCase.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + " is not a valid eval case: "
                        + e.getOriginalMessage());
            }
        }
        if (cases.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no eval cases");
        }
        return cases;
    }
}
