package startupcoach.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import startupcoach.coach.Metrics;
import startupcoach.config.ServeSettings;
import startupcoach.pipeline.Durability;
import startupcoach.pipeline.Inbox;
import startupcoach.pipeline.MemoryInbox;

/**
 * What each chat platform's pipeline gets under {@code serve}: the inbox (in the database when there
 * is one, so nothing acknowledged is lost with the process), this replica's name, and the resume
 * windows ({@code COACH_RESUME_WITHIN_SECONDS}, {@code COACH_APOLOGIZE_WITHIN_SECONDS}).
 *
 * @param replica host and data directory: the same after a restart of this replica, different for
 *                another replica (another host, or another data directory on this one)
 */
record PipelineWiring(Inbox inbox, String replica, ServeSettings serve) {

    static PipelineWiring of(ServeSettings serve, CoachApp app, Path dataDir) {
        Inbox inbox = app.storage().<Inbox>map(s -> s.inbox()).orElseGet(() -> new MemoryInbox(app.deduplicator(), Clock.systemUTC()));
        return new PipelineWiring(inbox, host() + ":" + dataDir.toAbsolutePath().normalize(), serve);
    }

    /** For a platform's pipeline. */
    Durability durability(Metrics metrics) {
        return new Durability(inbox, replica, serve.resumeWithin(), serve.apologizeWithin(), metrics);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
