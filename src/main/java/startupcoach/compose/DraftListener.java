package startupcoach.compose;

/**
 * Watches a language model's answer being written, so a chat can show it while it grows (Slack's
 * streamed messages). The {@link LlmComposer} hands over each delta as the model writes it, then,
 * once the whole text was checked as usual ({@link Citations}), says what became of it; only then
 * does {@code compose} return the answer. Composers that only quote never call it.
 *
 * <p>Called on the composing thread; both methods must be quick and must not throw.
 */
public interface DraftListener {

    /** Listens to nothing: the composer does not stream. */
    DraftListener NONE = new DraftListener() {
        @Override
        public void delta(String text) {
        }

        @Override
        public void finished(Outcome outcome) {
        }
    };

    /** What became of the streamed text. */
    enum Outcome {
        /** The streamed text, as it was, is the answer's prose. */
        ACCEPTED,
        /** The answer's prose is the streamed text with its markers repaired (dropped or renumbered). */
        REVISED,
        /** The streamed text was rejected or cut off: the answer is the fallback's quotes. */
        FELL_BACK
    }

    /** A piece of the answer, in order; the pieces joined are what the model wrote. */
    void delta(String text);

    /** Called once after the last delta, before the answer is returned. */
    void finished(Outcome outcome);
}
