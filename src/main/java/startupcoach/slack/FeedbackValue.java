package startupcoach.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a 👍/👎 button carries back: the question and the citations of the answer it rates.
 * Kept in the button's {@code value} rather than in memory, so a click is understood by any
 * replica and after a restart.
 *
 * @param question  the question answered (shortened to fit)
 * @param citations the answer's citations
 */
record FeedbackValue(String question, List<String> citations) {

    /** Slack's limit for a button value. */
    static final int MAX_CHARS = 2000;
    private static final int MAX_QUESTION = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    FeedbackValue {
        question = question == null ? "" : question;
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    /** The JSON for the button, dropping trailing citations if it would exceed Slack's limit. */
    String encode() {
        return encode(MAX_CHARS);
    }

    /** Like {@link #encode()}, within {@code maxChars} (room left for a prefix). */
    String encode(int maxChars) {
        List<String> kept = new ArrayList<>(citations);
        String q = question.length() > MAX_QUESTION ? question.substring(0, MAX_QUESTION) : question;
        while (true) {
            ObjectNode node = JSON.createObjectNode().put("q", q);
            ArrayNode c = node.putArray("c");
            kept.forEach(c::add);
            String encoded = node.toString();
            if (encoded.length() <= maxChars || kept.isEmpty()) {
                return encoded.length() <= maxChars ? encoded : "{\"q\":\"\",\"c\":[]}";
            }
            kept.remove(kept.size() - 1);
        }
    }

    /** Empty when the value was not written by {@link #encode()} (a forged or old button). */
    static Optional<FeedbackValue> decode(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            List<String> cites = new ArrayList<>();
            node.path("c").forEach(n -> cites.add(n.asText()));
            return Optional.of(new FeedbackValue(node.path("q").asText(""), cites));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
