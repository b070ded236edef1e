package startupcoach.retrieve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which retriever answers: lexical, semantic, or both fused. */
public enum RetrievalMode {
    BM25, DENSE, HYBRID;

    /** Parses {@code bm25|dense|hybrid}, case-insensitive; a bad value names the valid ones. */
    public static RetrievalMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown retrieval mode '" + value + "'; valid: "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
