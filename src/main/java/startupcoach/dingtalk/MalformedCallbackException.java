package startupcoach.dingtalk;

/** A callback body that is not a DingTalk robot message: not JSON, or a required field missing. */
final class MalformedCallbackException extends Exception {

    public MalformedCallbackException(String message) {
        super(message);
    }

    public MalformedCallbackException(String message, Throwable cause) {
        super(message, cause);
    }
}
