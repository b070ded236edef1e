package startupcoach.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which composer writes the answers. */
public enum ComposerKind {
    /** Verbatim quotes grouped by section; no model, no network. The default. */
    EXTRACTIVE,
    /** A language model writes from numbered passages; falls back to {@link #EXTRACTIVE}. */
    LLM;

    /**
     * @throws IllegalArgumentException listing the valid names when {@code name} is none of them
     */
    public static ComposerKind parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ComposerKind k : values()) {
            if (k.id().equals(wanted)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown composer \"" + name.strip() + "\"; valid: "
                + Arrays.stream(values()).map(ComposerKind::id).collect(Collectors.joining(", ")));
    }

    /** The name used on the command line and in {@code COACH_COMPOSER}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
