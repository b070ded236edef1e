package startupcoach.coach;

/**
 * The database cannot be reached right now (down, restarting, network cut). Unlike other storage
 * failures this one is expected to pass: adapters answer the platform so that it redelivers later
 * (Slack 503, DingTalk Stream redelivery) and tell users to try again in a minute, instead of
 * treating it as a bug. The message is safe to log and names no password.
 */
public final class StorageUnavailableException extends RuntimeException {

    /** What a user is told when their request could not be stored or checked. */
    public static final String USER_MESSAGE = "My database is unavailable right now, so I could not do that."
            + " Please try again in a minute. (存储暂时不可用，请一分钟后再试。)";

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
