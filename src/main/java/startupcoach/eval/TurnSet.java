package startupcoach.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Multi-turn evaluation sets (the {@code turns} format of the eval README): each line is one
 * conversation whose turns are asked in order; the last turn is the one scored.
 */
public final class TurnSet {

    /** The development conversations shipped inside the jar ({@code eval --set turns}). */
    public static final String BUNDLED = "/eval/turns-dev.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One conversation; every turn is answerable and has its own gold. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conversation(String id, String lang, String topic, List<TurnCase> turns) {

        public Conversation {
            turns = turns == null ? List.of() : List.copyOf(turns);
            lang = lang == null ? "?" : lang;
            if (turns.size() < 2) {
                throw new IllegalArgumentException("conversation " + id + " needs at least two turns");
            }
        }

        /** Turn {@code i} as a single-question case, for scoring with the usual rules. */
        EvalCase asCase(int i) {
            TurnCase t = turns.get(i);
            return new EvalCase(id, lang, topic, t.question(), t.gold(), true, false);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TurnCase(String question, List<EvalCase.Gold> gold) {

        public TurnCase {
            gold = gold == null ? List.of() : List.copyOf(gold);
        }
    }

    private TurnSet() {
    }

    /**
     * The conversations {@code eval --set} names: {@code turns} (bundled), or a file in the turns
     * format; empty for anything else (a single-question set).
     */
    public static java.util.Optional<List<Conversation>> named(String nameOrPath) {
        if (nameOrPath == null) {
            return java.util.Optional.empty();
        }
        if ("turns".equalsIgnoreCase(nameOrPath.strip())) {
            return java.util.Optional.of(resource(BUNDLED));
        }
        Path file = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(file) && isTurns(Files.readString(file))) {
                return java.util.Optional.of(file(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + file, e);
        }
        return java.util.Optional.empty();
    }

    /** Whether a JSON Lines text is in the turns format (its first object has {@code turns}). */
    public static boolean isTurns(String jsonl) {
        for (String line : jsonl.split("\n")) {
            if (!line.isBlank()) {
                try {
                    JsonNode first = JSON.readTree(line);
                    return first != null && first.has("turns");
                } catch (JsonProcessingException e) {
                    return false;
                }
            }
        }
        return false;
    }

    public static List<Conversation> resource(String name) {
        try (InputStream in = TurnSet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("evaluation set not on the classpath: " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + name, e);
        }
    }

    public static List<Conversation> file(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evaluation set " + file, e);
        }
    }

    static List<Conversation> parse(String jsonl, String source) {
        return JsonLines.parse(JSON, jsonl, source, Conversation.class, "conversation");
    }
}
