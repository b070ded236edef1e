package startupcoach.slack;

/**
 * Thrown by an event handler that cannot take an event now (no room in the reply queue, the
 * database unreachable): {@link BoltHttpRoute} answers 503, and Slack redelivers the event later
 * (after about a minute, then five). A handler cannot simply return a 503 response: Bolt treats a
 * non-200 handler result as "not handled" and auto-acknowledges the event with 200, which would
 * make Slack drop it.
 */
final class RedeliverLater extends RuntimeException {

    RedeliverLater(String reason) {
        super(reason, null, false, false);
    }
}
