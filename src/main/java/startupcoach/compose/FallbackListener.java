package startupcoach.compose;

/**
 * Told each time the {@link LlmComposer} answers with its fallback instead of the model, for
 * operators' metrics. Called on the answering thread; must be quick and must not throw.
 */
@FunctionalInterface
public interface FallbackListener {

    /** Listens to nothing. */
    FallbackListener NONE = reason -> { };

    /**
     * @param reason short and lower-case: the {@link startupcoach.compose.llm.LlmException} reason id
     *               ({@code timeout}, {@code http_error} …), {@code uncited} or {@code unexpected}
     */
    void fellBack(String reason);
}
