package startupcoach.embed;

/**
 * An embedding model could not be loaded or could not embed a text. The message is safe to show
 * to a user (it never contains the text being embedded); the cause carries the technical detail
 * for the log.
 */
public final class EmbeddingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
