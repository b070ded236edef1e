package startupcoach.compose.llm;

import java.util.Objects;

/**
 * The language model could not give a usable reply. The message names what went wrong (status,
 * timeout, malformed body) and never contains the API key, the prompt or the reply.
 */
public final class LlmException extends Exception {

    /** Why the call failed, as logged ({@code reason=timeout}). */
    public enum Reason {
        TIMEOUT, NETWORK, HTTP_STATUS, RATE_LIMITED, MALFORMED, INTERRUPTED;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public LlmException(Reason reason, String message) {
        this(reason, message, null);
    }

    public LlmException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason == null");
    }

    public Reason reason() {
        return reason;
    }
}
