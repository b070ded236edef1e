package startupcoach.pipeline;

import java.time.Duration;
import java.util.Objects;
import startupcoach.coach.Metrics;

/**
 * What a platform's {@link Pipeline} needs from {@code serve} to survive a restart: the shared inbox,
 * this replica's name and the resume windows.
 *
 * @param replica stable across restarts of this replica (host and data directory), different for another
 */
public record Durability(Inbox inbox, String replica, Duration resumeWithin, Duration apologizeWithin, Metrics metrics) {

    public Durability {
        Objects.requireNonNull(inbox, "inbox == null");
        Objects.requireNonNull(replica, "replica == null");
        Objects.requireNonNull(resumeWithin, "resumeWithin == null");
        Objects.requireNonNull(apologizeWithin, "apologizeWithin == null");
        Objects.requireNonNull(metrics, "metrics == null");
    }
}
