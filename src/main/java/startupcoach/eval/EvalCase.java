package startupcoach.eval;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One line of an evaluation set (see the eval README): a question and the sections that answer it.
 *
 * @param partial the question asks for a specific figure (a price, a threshold) the knowledge base
 *                lacks, next to a general part it does cover: the answer must say the figure is not
 *                covered and still answer, so it must not be declined
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EvalCase(String id, String lang, String topic, String question, List<Gold> gold, boolean answerable,
                       boolean partial) {

    public EvalCase {
        gold = gold == null ? List.of() : List.copyOf(gold);
        lang = lang == null ? "?" : lang;
    }

    /** A section that answers the question: same file, and the same heading or containing the quote. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gold(String file, String heading, String path, String quote) {
    }
}
