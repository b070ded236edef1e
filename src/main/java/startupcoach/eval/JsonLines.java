package startupcoach.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object per line, as the evaluation files are written; blank lines are skipped. A line that
 * does not parse names its file and line number, so a hand-edited set is fixed at once.
 */
final class JsonLines {

    private JsonLines() {
    }

    /** The file's objects; {@code what} names one in messages ("eval case", "conversation"). */
    static <T> List<T> parse(ObjectMapper json, String jsonl, String source, Class<T> type, String what) {
        List<T> out = new ArrayList<>();
        String[] lines = jsonl.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                out.add(json.readValue(line, type));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new IllegalArgumentException(source + " line " + (i + 1) + " is not a valid " + what + ": " + why);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no " + what + "s");
        }
        return out;
    }
}
