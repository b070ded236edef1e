package startupcoach.coach;

import java.time.Duration;

/**
 * What the bot counts for operators, without tying the core or the adapters to a metrics library:
 * {@code serve} wires a Micrometer implementation, everything else gets {@link #NONE}. Label values
 * are short lower-case words (platform names, outcomes), never user input, so the number of series
 * stays bounded.
 *
 * <p>Implementations are thread-safe and cheap: they are called on acknowledgement paths.
 */
public interface Metrics {

    /** Records nothing. */
    Metrics NONE = new Metrics() {
    };

    /**
     * One message handled by the core.
     *
     * @param platform {@code slack}, {@code dingtalk}, {@code cli} …
     * @param outcome  {@code answer}, {@code help}, {@code error}, {@code rate_limited} … (see {@link Coach})
     * @param latency  time spent in the core, retrieval and composing included
     */
    default void request(String platform, String outcome, Duration latency) {
    }

    /** A delivery recognised as already handled; {@code key} is the kind of key, e.g. {@code event}, {@code msg}. */
    default void dedupeHit(String platform, String key) {
    }

    /** A request refused because its signature was missing, wrong or stale. */
    default void signatureFailure(String platform) {
    }

    /** A scheduled digest post: {@code posted} or {@code failed}. */
    default void digestPost(String platform, String outcome) {
    }

    /** The language model could not be used and the extractive composer answered; {@code reason} is short. */
    default void llmFallback(String reason) {
    }
}
