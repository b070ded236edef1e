package startupcoach.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.StorageUnavailableException;

/**
 * Posts due digests. Every {@link Builder#tickInterval tick} (30 s by default, one thread) it
 * looks at each active subscription, works out which slots fell due since the last one settled,
 * claims each slot in the {@link SlotLedger}, composes the digest and hands it to the platform's
 * {@link DigestSink}.
 *
 * <p><b>Guarantee: at most once per slot, across replicas and restarts.</b> A slot is claimed by
 * inserting {@code (subscription, slot)} into a unique key <em>before</em> anything is posted;
 * a scheduler whose insert finds the key taken skips the slot. So two replicas on one PostgreSQL,
 * or a restarted process, never post a slot twice. The price: if the process dies between the
 * claim and the post (or before recording the post), that slot is not posted at all. Such a
 * claim, still {@link SlotStatus#CLAIMED} after {@link Builder#lostAfter lostAfter} (10 min), is
 * marked {@link SlotStatus#LOST} and logged ({@code digest.slot.lost}); later slots are posted as usual.
 *
 * <p><b>Missed slots.</b> A slot that fell due while no scheduler ran is posted late, once, if it
 * was missed by less than the {@link Builder#grace grace} period (1 h); older ones are skipped,
 * logged ({@code digest.slot.skipped}) and recorded as one {@link SlotStatus#SKIPPED} row.
 *
 * <p><b>Failed posts.</b> When a sink throws a {@link DigestDeliveryException} that is
 * {@link DigestDeliveryException#retryable() retryable} (the platform certainly did not show the
 * message), the error is kept on the claim row and the slot is tried again after a back-off
 * (1, 2, 4 … minutes), up to {@link Builder#maxAttempts maxAttempts} (3) attempts in all and only
 * while the slot is within the grace period. Any scheduler may take the retry, by an atomic
 * FAILED → CLAIMED update, so a retry also survives its first owner's restart. Other failures
 * (not retryable, or any other exception: the outcome is unknown) end as {@link SlotStatus#GAVE_UP}.
 *
 * <p>Thread-safe: {@link #tick()} may be called directly (tests, operations) while not
 * {@link #start() started}.
 */
public final class DigestScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    /** Due slots posted per subscription per tick, so a grace period set very long cannot burst. */
    private static final int MAX_DUE_PER_TICK = 3;
    private static final int MAX_ERROR_CHARS = 500;

    private final DigestStorage storage;
    private final DigestComposer composer;
    private final Map<String, DigestSink> sinks;
    private final Clock clock;
    private final String instanceId;
    private final Duration grace;
    private final Duration tickInterval;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Duration lostAfter;
    private final Set<String> warnedPlatforms = ConcurrentHashMap.newKeySet();
    private final Object tickLock = new Object();
    private ScheduledExecutorService executor;

    private DigestScheduler(Builder b) {
        this.storage = b.storage;
        this.composer = b.composer;
        this.sinks = Map.copyOf(b.sinks);
        this.clock = b.clock;
        this.instanceId = b.instanceId;
        this.grace = b.grace;
        this.tickInterval = b.tickInterval;
        this.maxAttempts = b.maxAttempts;
        this.retryBackoff = b.retryBackoff;
        this.lostAfter = b.lostAfter;
    }

    /**
     * @param sinks one per platform name, e.g. {@code slack}; subscriptions on a platform without a
     *              sink wait (their slots are not claimed) and are logged once
     */
    public static Builder builder(DigestStorage storage, DigestComposer composer, Map<String, DigestSink> sinks) {
        return new Builder(storage, composer, sinks);
    }

    /** Starts ticking on one daemon thread; the first tick runs at once. */
    public synchronized void start() {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "digest-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tickSafely, 0, tickInterval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("digest.scheduler.started instance={} sinks={} graceMinutes={}", instanceId, sinks.keySet(), grace.toMinutes());
    }

    /** The id this scheduler claims slots under. */
    public String instanceId() {
        return instanceId;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (StorageUnavailableException e) {
            // Expected to pass: due slots are still within their grace period when the database is back.
            log.error("digest.tick_skipped instance={} reason=database_unavailable", instanceId);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep ticking.
            log.error("digest.tick_failed instance={}", instanceId, e);
        }
    }

    /** One pass: post due slots, retry failed ones, report lost claims. */
    public void tick() {
        synchronized (tickLock) {
            Instant now = clock.instant();
            for (Subscription s : storage.subscriptions().active()) {
                try {
                    postDue(s, now);
                } catch (RuntimeException e) {
                    log.error("digest.subscription_failed subscription={} instance={}", s.id(), instanceId, e);
                }
            }
            retryFailed(now);
            reportLost(now);
        }
    }

    private void postDue(Subscription s, Instant now) {
        DigestSink sink = sinks.get(s.platform());
        if (sink == null) {
            if (warnedPlatforms.add(s.platform())) {
                log.warn("digest.sink_missing platform={} subscription={}: digests for this platform wait until it is configured",
                        s.platform(), s.id());
            }
            return;
        }
        Instant settled = storage.slots().latestSlot(s.id()).filter(t -> t.isAfter(s.createdAt())).orElse(s.createdAt());
        Instant graceStart = now.minus(grace);
        Optional<Instant> lastMissed = s.schedule().lastAtOrBefore(graceStart, s.zone()).filter(t -> t.isAfter(settled));
        if (lastMissed.isPresent()) {
            // Older than the grace period: one SKIPPED row at the latest such slot settles them all.
            if (storage.slots().skip(s.id(), lastMissed.get(), instanceId, now, "missed by more than " + grace.toMinutes() + " min")) {
                List<Instant> missed = s.schedule().between(settled, lastMissed.get(), s.zone(), 1000);
                log.warn("digest.slot.skipped subscription={} slots={} first={} last={} graceMinutes={}", s.id(),
                        missed.size() >= 1000 ? "1000+" : missed.size(), missed.isEmpty() ? lastMissed.get() : missed.get(0),
                        lastMissed.get(), grace.toMinutes());
            }
        }
        Instant from = lastMissed.orElse(settled);
        for (Instant slot : s.schedule().between(from, now, s.zone(), MAX_DUE_PER_TICK)) {
            if (storage.slots().claim(s.id(), slot, instanceId, now)) {
                deliver(s, sink, slot, 1);
            } else {
                log.debug("digest.slot.taken subscription={} slot={}", s.id(), slot);
            }
        }
    }

    private void deliver(Subscription s, DigestSink sink, Instant slot, int attempt) {
        Digest digest;
        DigestTarget target;
        try {
            Instant since = storage.slots().lastPosted(s.id()).orElse(s.createdAt());
            digest = composer.compose(s.topics(), DigestHistory.load(storage, s.platform(), s.conversationId(), since), slot);
            target = new DigestTarget(s.id(), s.platform(), s.conversationId(),
                    storage.subscriptions().webhook(s.platform(), s.conversationId()).orElse(null));
        } catch (RuntimeException e) {
            // Nothing was sent yet, so another attempt cannot post twice.
            failed(s, slot, attempt, true, "composing failed: " + e, e);
            return;
        }
        if (digest.isEmpty()) {
            storage.slots().markFailed(s.id(), slot, instanceId, "nothing to post", null);
            log.warn("digest.slot.empty subscription={} slot={}: no section matches its topics", s.id(), slot);
            return;
        }
        try {
            sink.deliver(target, digest);
        } catch (DigestDeliveryException e) {
            failed(s, slot, attempt, e.retryable(), e.getMessage(), e);
            return;
        } catch (RuntimeException e) {
            failed(s, slot, attempt, false, "sink failed, outcome unknown: " + e, e);
            return;
        }
        Instant postedAt = clock.instant();
        try {
            storage.slots().markPosted(s.id(), slot, instanceId, postedAt, s.platform(), s.conversationId(), digest.passageIds());
        } catch (RuntimeException e) {
            // Posted but not recorded: the claim stays CLAIMED and is later reported lost, never re-posted.
            log.error("digest.posted_unrecorded subscription={} slot={}", s.id(), slot, e);
            return;
        }
        log.info("digest.posted subscription={} platform={} slot={} items={} asked={} attempt={} instance={}", s.id(), s.platform(),
                slot, digest.items().size(), digest.asked().size(), attempt, instanceId);
    }

    private void failed(Subscription s, Instant slot, int attempt, boolean retryable, String error, Exception e) {
        String message = error == null ? "unknown error" : error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        Instant retryAt = retryable && attempt < maxAttempts ? clock.instant().plus(retryBackoff.multipliedBy(1L << (attempt - 1))) : null;
        storage.slots().markFailed(s.id(), slot, instanceId, message, retryAt);
        if (retryAt != null) {
            log.warn("digest.post_failed subscription={} slot={} attempt={} retryAt={} error={}", s.id(), slot, attempt, retryAt, message);
        } else {
            log.error("digest.post_gave_up subscription={} slot={} attempt={} retryable={} error={}", s.id(), slot, attempt, retryable,
                    message, e);
        }
    }

    private void retryFailed(Instant now) {
        for (SlotClaim c : storage.slots().dueForRetry(now)) {
            try {
                Optional<Subscription> s = storage.subscriptions().find(c.subscriptionId()).filter(Subscription::active);
                if (s.isEmpty() || !c.slot().isAfter(now.minus(grace))) {
                    if (storage.slots().giveUp(c, s.isEmpty() ? "subscription stopped" : "grace period over")) {
                        log.warn("digest.retry_abandoned subscription={} slot={} attempts={}", c.subscriptionId(), c.slot(), c.attempts());
                    }
                    continue;
                }
                DigestSink sink = sinks.get(s.get().platform());
                if (sink != null && storage.slots().takeForRetry(c, instanceId, now)) {
                    deliver(s.get(), sink, c.slot(), c.attempts() + 1);
                }
            } catch (RuntimeException e) {
                log.error("digest.retry_failed subscription={} slot={}", c.subscriptionId(), c.slot(), e);
            }
        }
    }

    private void reportLost(Instant now) {
        for (SlotClaim c : storage.slots().staleClaims(now.minus(lostAfter))) {
            if (storage.slots().markLost(c)) {
                log.warn("digest.slot.lost subscription={} slot={} claimedBy={} claimedAt={}: claimed but never reported posted"
                        + " (its process probably died); not posted again (at most once per slot)", c.subscriptionId(), c.slot(),
                        c.claimedBy(), c.claimedAt());
            }
        }
    }

    /** Stops ticking and waits for a tick in progress (up to 30 s). */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        log.info("digest.scheduler.stopped instance={}", instanceId);
    }

    /** Settings of a {@link DigestScheduler}; every one has a default. */
    public static final class Builder {
        private final DigestStorage storage;
        private final DigestComposer composer;
        private final Map<String, DigestSink> sinks;
        private Clock clock = Clock.systemUTC();
        private String instanceId = defaultInstanceId();
        private Duration grace = Duration.ofHours(1);
        private Duration tickInterval = Duration.ofSeconds(30);
        private int maxAttempts = 3;
        private Duration retryBackoff = Duration.ofMinutes(1);
        private Duration lostAfter = Duration.ofMinutes(10);

        private Builder(DigestStorage storage, DigestComposer composer, Map<String, DigestSink> sinks) {
            this.storage = Objects.requireNonNull(storage, "storage == null");
            this.composer = Objects.requireNonNull(composer, "composer == null");
            this.sinks = Objects.requireNonNull(sinks, "sinks == null");
        }

        /** Time source (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Name claims are made under (default: process id and a random suffix; serve adds the host name). */
        public Builder instanceId(String instanceId) {
            this.instanceId = Objects.requireNonNull(instanceId, "instanceId == null");
            return this;
        }

        /** How late a missed slot may still be posted (default 1 h). */
        public Builder grace(Duration grace) {
            this.grace = positive(grace, "grace");
            return this;
        }

        /** Time between ticks once started (default 30 s). */
        public Builder tickInterval(Duration tickInterval) {
            this.tickInterval = positive(tickInterval, "tickInterval");
            return this;
        }

        /** Attempts per slot, the first included, when failures are retryable (default 3). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Wait before the first retry, doubled for each later one (default 1 min). */
        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = positive(retryBackoff, "retryBackoff");
            return this;
        }

        /** Age at which a claim without outcome is reported lost (default 10 min; longer than any post takes). */
        public Builder lostAfter(Duration lostAfter) {
            this.lostAfter = positive(lostAfter, "lostAfter");
            return this;
        }

        public DigestScheduler build() {
            return new DigestScheduler(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " == null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + d);
            }
            return d;
        }

        private static String defaultInstanceId() {
            return "pid" + ProcessHandle.current().pid() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
