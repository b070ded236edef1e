package startupcoach.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import startupcoach.coach.Deduplicator;

/**
 * An {@link Inbox} in this process's memory, for running without a database (tests, a quick
 * trial): the same claims, leases and attempts as the durable one, but nothing survives the
 * process. Dedupe goes through the given {@link Deduplicator}. Done items are forgotten at once.
 * Thread-safe (one lock; the ack path holds it for microseconds).
 */
public final class MemoryInbox implements Inbox {

    private static final class Entry {
        final long id;
        final Inbound inbound;
        String claimedBy;
        long leaseUntil;
        int attempts;
        boolean started;
        String sentRef;

        Entry(long id, Inbound inbound) {
            this.id = id;
            this.inbound = inbound;
        }
    }

    private final Deduplicator dedupe;
    private final Clock clock;
    private final Map<Long, Entry> items = new LinkedHashMap<>();
    private long nextId = 1;

    public MemoryInbox(Deduplicator dedupe, Clock clock) {
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public Verdict accept(Inbound inbound) {
        if (!dedupe.firstTimeAll(inbound.dedupeKeys())) {
            return Verdict.DUPLICATE;
        }
        synchronized (this) {
            long id = nextId++;
            items.put(id, new Entry(id, inbound));
        }
        return Verdict.ACCEPTED;
    }

    @Override
    public synchronized Optional<InboxItem> claim(String platform, String replica, Duration lease) {
        long now = clock.millis();
        for (Entry e : items.values()) {
            if (e.inbound.platform().equals(platform) && (e.claimedBy == null || e.leaseUntil < now)) {
                e.claimedBy = replica;
                e.leaseUntil = now + lease.toMillis();
                e.attempts++;
                return Optional.of(new InboxItem(e.id, e.inbound, e.attempts, e.started, e.sentRef));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void renew(Iterable<Long> ids, String replica, Duration lease) {
        long until = clock.millis() + lease.toMillis();
        for (Long id : ids) {
            Entry e = items.get(id);
            if (e != null && replica.equals(e.claimedBy)) {
                e.leaseUntil = until;
            }
        }
    }

    @Override
    public synchronized void started(long id) {
        Entry e = items.get(id);
        if (e != null) {
            e.started = true;
        }
    }

    @Override
    public synchronized void sent(long id, String platformMessageRef) {
        Entry e = items.get(id);
        if (e != null) {
            e.sentRef = platformMessageRef;
        }
    }

    @Override
    public synchronized void done(long id, String outcome) {
        items.remove(id);
    }

    @Override
    public synchronized int release(String platform, String replica) {
        int n = 0;
        for (Entry e : items.values()) {
            if (e.inbound.platform().equals(platform) && replica.equals(e.claimedBy)) {
                e.claimedBy = null;
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized int unfinished(String platform) {
        return (int) items.values().stream().filter(e -> e.inbound.platform().equals(platform)).count();
    }
}
