package startupcoach.dingtalk;

/**
 * A call to DingTalk failed (network, HTTP status, or an error code in the body). The message
 * names the endpoint kind and DingTalk's code, never a token, secret or session webhook URL.
 */
final class DingTalkException extends Exception {

    private final int status;

    public DingTalkException(String message, int status) {
        super(message);
        this.status = status;
    }

    public DingTalkException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status DingTalk answered with, or -1 when no response arrived. */
    public int status() {
        return status;
    }
}
