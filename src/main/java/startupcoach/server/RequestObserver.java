package startupcoach.server;

/**
 * Told about every request the {@link WebServer} answered, for metrics. Called on the worker
 * thread after the response was sent; must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestObserver {

    /** Observes nothing. */
    RequestObserver NONE = (route, status, nanos) -> { };

    /**
     * @param route  the registered path that handled it, or {@code unmatched} (so unknown paths
     *               cannot create new metric series)
     * @param status the HTTP status sent
     * @param nanos  time from reading the request to the response being sent
     */
    void completed(String route, int status, long nanos);
}
