package startupcoach.dingtalk;

import java.io.IOException;
import java.util.Optional;
import startupcoach.server.DeliveryRetry;

/**
 * A call to DingTalk failed (network, HTTP status, or an error code in the body). The message
 * names the endpoint kind and DingTalk's code, never a token, secret or session webhook URL.
 */
final class DingTalkException extends Exception {

    private final int status;
    private final boolean retryable;
    private final String missingPermission;

    /** A refusal with an HTTP status: retryable when it is 429 or 5xx (DingTalk took nothing). */
    public DingTalkException(String message, int status) {
        this(message, status, status == 429 || status >= 500);
    }

    DingTalkException(String message, int status, boolean retryable) {
        this(message, status, retryable, null);
    }

    /**
     * @param missingPermission the OpenAPI permission DingTalk named as missing (e.g.
     *                          {@code Card.Instance.Write}), or null when the refusal was not about one
     */
    DingTalkException(String message, int status, boolean retryable, String missingPermission) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.missingPermission = missingPermission;
    }

    /** No answer arrived: retryable only when the request certainly never left (connection refused). */
    public DingTalkException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.retryable = cause instanceof IOException io && DeliveryRetry.neverSent(io);
        this.missingPermission = null;
    }

    /** The permission the app lacks, when DingTalk refused the call for that reason. */
    Optional<String> missingPermission() {
        return Optional.ofNullable(missingPermission);
    }

    /** The HTTP status DingTalk answered with, or -1 when no response arrived. */
    public int status() {
        return status;
    }

    /** Whether DingTalk certainly did not deliver anything for this call and a later attempt may work. */
    public boolean retryable() {
        return retryable;
    }
}
