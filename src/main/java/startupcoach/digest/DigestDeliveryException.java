package startupcoach.digest;

/**
 * A {@link DigestSink} could not post a digest. {@link #retryable()} tells the scheduler whether a
 * second attempt is safe, i.e. whether the platform certainly did <em>not</em> show the message.
 * The message is kept on the slot's claim row: it must not contain tokens or secrets.
 */
public class DigestDeliveryException extends Exception {

    private final boolean retryable;

    /**
     * @param retryable true only when nothing can have been posted (connection refused, HTTP 429 or
     *                  5xx before the platform accepted the message); false when the outcome is
     *                  unknown (a read timeout) or retrying cannot help (channel gone, bad token)
     */
    public DigestDeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public DigestDeliveryException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
