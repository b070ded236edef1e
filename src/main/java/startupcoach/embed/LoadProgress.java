package startupcoach.embed;

/**
 * Receives human-readable steps while a model loads, e.g. {@code "extracting PyTorch natives…"}
 * then {@code "ready in 2140 ms"}. The first start of a machine can take several seconds, so a
 * CLI prints these; a server logs them.
 *
 * <p>Called on the loading thread; implementations must not throw.
 */
@FunctionalInterface
public interface LoadProgress {

    /** Reports one step; {@code message} is short, has no trailing newline and is safe to show. */
    void step(String message);

    /** Ignores every step. */
    static LoadProgress silent() {
        return message -> { };
    }
}
