package startupcoach.store;

/**
 * The database could not be opened, migrated, read or written. The message is safe to show an
 * operator (no passwords); the cause has the driver's details.
 */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
