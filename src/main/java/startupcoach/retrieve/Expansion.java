package startupcoach.retrieve;

import java.util.List;
import java.util.Objects;

/**
 * Words a {@link QueryExpander} adds for one part of the question.
 *
 * @param source  the words of the question that were bridged, e.g. {@code seed round}
 * @param targets alternatives in the knowledge base's language, e.g. {@code 种子轮}, {@code 天使轮}
 */
public record Expansion(String source, List<String> targets) {

    public Expansion {
        Objects.requireNonNull(source, "source == null");
        targets = List.copyOf(targets);
    }
}
