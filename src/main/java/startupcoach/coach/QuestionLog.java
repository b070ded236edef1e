package startupcoach.coach;

/**
 * Where answered questions go, per conversation. {@link QuestionHandler} calls it after every
 * answer; storage keeps them for digests ("what your team asked").
 *
 * <p>Implementations are thread-safe. A failing log must not cost the user the answer: the
 * handler catches and logs what {@link #record} throws.
 */
@FunctionalInterface
public interface QuestionLog {

    /** Keeps nothing: the CLI, and tests. */
    QuestionLog NONE = question -> {
    };

    void record(AnsweredQuestion question);
}
