package startupcoach.slack;

/**
 * A Slack call failed (network, an {@code ok:false} answer, rate limits that did not clear).
 * The message is safe to log: it names the API method and Slack's error code, never a token
 * or the message text.
 */
public final class SlackException extends RuntimeException {

    private final boolean retryable;

    public SlackException(String message) {
        this(message, false, null);
    }

    public SlackException(String message, Throwable cause) {
        this(message, false, cause);
    }

    /**
     * @param retryable true only when Slack certainly did not take the request and a later attempt
     *                  may succeed (connection refused, HTTP 429 or 5xx, {@code ratelimited})
     */
    SlackException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * Whether Slack certainly did not post anything for this call and trying again later may work.
     * False when the outcome is unknown (a read timeout) or a retry cannot help (a bad channel or token).
     */
    public boolean retryable() {
        return retryable;
    }
}
