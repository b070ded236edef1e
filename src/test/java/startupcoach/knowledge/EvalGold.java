package startupcoach.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The gold sections of the eval set, the classpath resource {@code /eval/dev.jsonl}. */
record EvalGold(String id, String file, String heading, String path, String quote) {

    static final String RESOURCE = "/eval/dev.jsonl";

    String key() {
        return id + " " + file + " | " + heading;
    }

    static List<EvalGold> all() {
        ObjectMapper json = new ObjectMapper();
        List<EvalGold> gold = new ArrayList<>();
        try (InputStream in = EvalGold.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line : reader.lines().toList()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode question = json.readTree(line);
                for (JsonNode g : question.get("gold")) {
                    gold.add(new EvalGold(question.get("id").asText(), g.get("file").asText(),
                            g.get("heading").asText(), g.get("path").asText(), g.get("quote").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gold;
    }
}
