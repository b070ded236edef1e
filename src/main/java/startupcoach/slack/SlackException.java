package startupcoach.slack;

/**
 * A Slack call failed (network, an {@code ok:false} answer, rate limits that did not clear).
 * The message is safe to log: it names the API method and Slack's error code, never a token
 * or the message text.
 */
public final class SlackException extends RuntimeException {

    public SlackException(String message) {
        super(message);
    }

    public SlackException(String message, Throwable cause) {
        super(message, cause);
    }
}
