package startupcoach.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.Metrics;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.server.RequestContext;

/**
 * Answers one platform's messages from the {@link Inbox}: the adapter {@link #accept accepts} a
 * message on its acknowledgement path (one transaction, then it acknowledges); worker threads claim
 * items, ask the coach on a separate compute pool (retrieval is CPU-bound, delivery waits on rate
 * limits) and hand the reply to the platform's {@link Outlet}; then the item is done.
 *
 * <p><b>Bounded:</b> at most {@link Settings#maxPending()} accepted items not yet done; past that
 * {@link #accept} refuses without recording anything, so the platform's redelivery is new.
 *
 * <p><b>Resume:</b> {@link #start()} takes back what this replica (same name: same host and data
 * directory) held when it died. Every claimed item is then judged by age: younger than
 * {@link Settings#resumeWithin()} it is answered; older, it gets one short apology
 * ({@link #LATE_APOLOGY}) until {@link Settings#apologizeWithin()}, and is dropped after that, with
 * a log line either way.
 *
 * <p><b>Exactly once where the platform can tell:</b> an item whose earlier attempt was cut short
 * is first checked with {@link Outlet#alreadyAnswered}: {@code YES} finishes it; {@code UNKNOWN} for
 * an attempt that had {@linkplain Outlet.Progress#started() started} writing to the platform
 * finishes it too, logged as {@code reply.maybe_lost} (at most once: a second answer would be worse
 * than a lost one the asker can repeat); an attempt that never started is simply answered.
 *
 * <p><b>Drain:</b> {@link #close(Duration)} stops admitting, lets the workers finish the current
 * items and whatever is still pending within the grace period, then interrupts them; what is left
 * stays in the inbox for the next start. Thread-safe.
 */
public final class Pipeline implements AutoCloseable {

    /** Sent instead of an answer to a question that waited longer than the resume window (a long outage). */
    public static final String LATE_APOLOGY = "Sorry — I was unavailable when you asked this, and an answer now would come"
            + " too late. Please ask again.\n抱歉，你提问时我暂时不可用，现在回答已经太迟了，请再问一次。";
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    /**
     * How a pipeline runs.
     *
     * @param workers         threads delivering replies (they also wait on the platform's rate limits)
     * @param computeThreads  threads computing answers (CPU-bound)
     * @param maxPending      accepted items not yet done, at most
     * @param resumeWithin    an item older than this when claimed is not answered any more
     * @param apologizeWithin an item older than {@code resumeWithin} but younger than this gets {@link #LATE_APOLOGY}; older ones are dropped
     * @param lease           how long a claim holds; renewed every third of it while the answer is delivered
     * @param poll            how often an idle worker looks for items other replicas accepted or abandoned
     */
    public record Settings(int workers, int computeThreads, int maxPending, Duration resumeWithin, Duration apologizeWithin,
                           Duration lease, Duration poll) {

        public static final Duration DEFAULT_RESUME_WITHIN = Duration.ofMinutes(10);
        public static final Duration DEFAULT_APOLOGIZE_WITHIN = Duration.ofHours(1);

        public Settings {
            Objects.requireNonNull(resumeWithin, "resumeWithin == null");
            Objects.requireNonNull(apologizeWithin, "apologizeWithin == null");
            Objects.requireNonNull(lease, "lease == null");
            Objects.requireNonNull(poll, "poll == null");
            if (workers < 1 || computeThreads < 1 || maxPending < 1) {
                throw new IllegalArgumentException("workers, computeThreads and maxPending must be at least 1");
            }
            if (lease.toMillis() < 3 || poll.isZero() || poll.isNegative() || resumeWithin.isNegative()) {
                throw new IllegalArgumentException("lease and poll must be positive, resumeWithin not negative");
            }
        }

        /** A lease of one minute, idle workers look every two seconds, the default age windows. */
        public static Settings of(int workers, int computeThreads, int maxPending) {
            return new Settings(workers, computeThreads, maxPending, DEFAULT_RESUME_WITHIN, DEFAULT_APOLOGIZE_WITHIN,
                    Duration.ofMinutes(1), Duration.ofSeconds(2));
        }

        public Settings withAges(Duration resumeWithin, Duration apologizeWithin) {
            return new Settings(workers, computeThreads, maxPending, resumeWithin, apologizeWithin, lease, poll);
        }

        public Settings withLease(Duration lease, Duration poll) {
            return new Settings(workers, computeThreads, maxPending, resumeWithin, apologizeWithin, lease, poll);
        }
    }

    private final String platform;
    private final Inbox inbox;
    private final Coach coach;
    private final Outlet outlet;
    private final Settings settings;
    private final String replica;
    private final Clock clock;
    private final Metrics metrics;
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Semaphore wake = new Semaphore(0);
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ThreadPoolExecutor compute;
    private final ThreadPoolExecutor sideJobs;
    private final ScheduledExecutorService renewals;
    private volatile boolean closed;
    private volatile boolean draining;
    private volatile boolean started;

    /**
     * @param replica names this process among replicas on one database; stable across restarts of the
     *                same replica (host and data directory), so {@link #start()} takes back what it held
     */
    public Pipeline(String platform, Inbox inbox, Coach coach, Outlet outlet, Settings settings, String replica, Clock clock,
                    Metrics metrics) {
        this.platform = Objects.requireNonNull(platform, "platform == null");
        this.inbox = Objects.requireNonNull(inbox, "inbox == null");
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.outlet = Objects.requireNonNull(outlet, "outlet == null");
        this.settings = Objects.requireNonNull(settings, "settings == null");
        this.replica = Objects.requireNonNull(replica, "replica == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.metrics = Objects.requireNonNull(metrics, "metrics == null");
        this.workers = Executors.newFixedThreadPool(settings.workers(), daemon(platform + "-reply"));
        // Only workers submit here, one job each at a time: the queue cannot overflow. CallerRuns is the belt to those braces.
        this.compute = new ThreadPoolExecutor(settings.computeThreads(), settings.computeThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.workers()), daemon(platform + "-answer"), new ThreadPoolExecutor.CallerRunsPolicy());
        this.sideJobs = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.maxPending()),
                daemon(platform + "-side"), new ThreadPoolExecutor.AbortPolicy());
        this.renewals = Executors.newSingleThreadScheduledExecutor(daemon(platform + "-lease"));
    }

    /** Takes back this replica's abandoned items and starts the workers. Call once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("pipeline already started");
        }
        started = true;
        int released = 0;
        int unfinished = 0;
        try {
            released = inbox.release(platform, replica);
            unfinished = inbox.unfinished(platform);
        } catch (RuntimeException e) {
            // The workers keep trying to claim; the items wait in the database.
            log.error("pipeline.resume_failed platform={} reason={}", platform, e.getMessage());
        }
        log.info("pipeline.started platform={} workers={} maxPending={} unfinished={} released={} resumeWithinSeconds={}",
                platform, settings.workers(), settings.maxPending(), unfinished, released, settings.resumeWithin().toSeconds());
        for (int i = 0; i < settings.workers(); i++) {
            workers.execute(this::work);
        }
        long every = Math.max(1, settings.lease().toMillis() / 3);
        renewals.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Records the message (with its dedupe keys) unless it is a repeat or there is no room; on
     * {@link Admission#ACCEPTED} the caller acknowledges the platform.
     *
     * @throws startupcoach.coach.StorageUnavailableException when the inbox cannot be reached; nothing was recorded
     */
    public Admission accept(Inbound inbound) {
        if (!platform.equals(inbound.platform())) {
            throw new IllegalArgumentException("a " + inbound.platform() + " message in the " + platform + " pipeline");
        }
        if (closed) {
            return Admission.CLOSED;
        }
        if (outstanding.getAndUpdate(n -> n < settings.maxPending() ? n + 1 : n) >= settings.maxPending()) {
            log.warn("pipeline.overloaded platform={} key={} maxPending={}", platform, inbound.dedupeKeys().get(0),
                    settings.maxPending());
            return Admission.OVERLOADED;
        }
        Inbox.Verdict verdict;
        try {
            verdict = inbox.accept(inbound);
        } catch (RuntimeException e) {
            finishedOne();
            throw e;
        }
        if (verdict == Inbox.Verdict.DUPLICATE) {
            finishedOne();
            String[] parts = inbound.dedupeKeys().get(0).split(":", 3);
            metrics.dedupeHit(platform, parts.length > 2 ? parts[1] : "other");
            return Admission.DUPLICATE;
        }
        wake.release();
        return Admission.ACCEPTED;
    }

    /**
     * Runs follow-up work that is not an answer to a message (a button click, a notice) in the
     * background, bounded like answers. Not durable: it is lost with the process.
     *
     * @return false when there is no room (or the pipeline is closed): nothing will run
     */
    public boolean offload(Runnable job) {
        if (closed) {
            return false;
        }
        try {
            sideJobs.execute(RequestContext.carry(() -> {
                try {
                    job.run();
                } catch (RuntimeException e) {
                    log.error("pipeline.side_job_failed platform={}", platform, e);
                }
            }));
            return true;
        } catch (RejectedExecutionException e) {
            log.warn("pipeline.side_job_rejected platform={}", platform);
            return false;
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Optional<InboxItem> next;
            try {
                next = inbox.claim(platform, replica, settings.lease());
            } catch (RuntimeException e) {
                log.warn("pipeline.claim_failed platform={} reason={}", platform, e.getMessage());
                next = Optional.empty();
            }
            if (next.isPresent()) {
                handle(next.get());
                continue;
            }
            if (draining) {
                return;
            }
            try {
                wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void handle(InboxItem item) {
        inFlight.add(item.id());
        try {
            String outcome = process(item);
            inbox.done(item.id(), outcome);
        } catch (InterruptedException e) {
            // Past the shutdown deadline: the item stays claimed, and the next start of this replica takes it back.
            log.warn("pipeline.abandoned platform={} key={} reason=shutdown", platform, item.key());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("pipeline.item_failed platform={} key={}", platform, item.key(), e);
            markFailed(item);
        } finally {
            inFlight.remove(item.id());
            finishedOne();
        }
    }

    private String process(InboxItem item) throws InterruptedException {
        Duration age = Duration.ofMillis(Math.max(0, clock.millis() - item.inbound().receivedAt().toEpochMilli()));
        if (item.resumed()) {
            Outlet.Answered answered = outlet.alreadyAnswered(item);
            if (answered == Outlet.Answered.YES) {
                log.info("reply.already_sent platform={} key={} attempts={}", platform, item.key(), item.attempts());
                return "already_answered";
            }
            if (answered == Outlet.Answered.UNKNOWN && item.started()) {
                log.warn("reply.maybe_lost platform={} key={} attempts={} reason=\"an earlier attempt began sending and the"
                        + " platform cannot tell whether it arrived; not sent again\"", platform, item.key(), item.attempts());
                return "maybe_lost";
            }
            log.info("pipeline.resumed platform={} key={} attempts={} ageMs={}", platform, item.key(), item.attempts(), age.toMillis());
        }
        if (age.compareTo(settings.resumeWithin()) > 0) {
            if (age.compareTo(settings.apologizeWithin()) > 0) {
                log.warn("pipeline.dropped platform={} key={} reason=too_old ageMs={}", platform, item.key(), age.toMillis());
                return "dropped";
            }
            outlet.deliver(item, PendingReply.of(Reply.of(ReplyKind.ERROR, LATE_APOLOGY)), progress(item));
            log.warn("pipeline.apologized platform={} key={} reason=too_old ageMs={}", platform, item.key(), age.toMillis());
            return "apologized";
        }
        Future<Reply> answer = compute.submit(() -> outlet.answer(coach, item));
        PendingReply pending = new PendingReply(answer, PendingReply.MAX_ANSWER_WAIT);
        try {
            outlet.deliver(item, pending, progress(item));
        } catch (InterruptedException e) {
            pending.abandon();
            throw e;
        }
        return "answered";
    }

    private Outlet.Progress progress(InboxItem item) {
        return new Outlet.Progress() {
            @Override
            public void started() {
                try {
                    inbox.started(item.id());
                } catch (RuntimeException e) {
                    log.warn("pipeline.progress_not_recorded platform={} key={} step=started reason={}", platform, item.key(),
                            e.getMessage());
                }
            }

            @Override
            public void sent(String platformMessageRef) {
                try {
                    inbox.sent(item.id(), platformMessageRef);
                } catch (RuntimeException e) {
                    log.warn("pipeline.progress_not_recorded platform={} key={} step=sent reason={}", platform, item.key(),
                            e.getMessage());
                }
            }
        };
    }

    private void markFailed(InboxItem item) {
        try {
            inbox.done(item.id(), "failed");
        } catch (RuntimeException e) {
            log.warn("pipeline.done_not_recorded platform={} key={} reason={}", platform, item.key(), e.getMessage());
        }
    }

    private void renewLeases() {
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            inbox.renew(Set.copyOf(inFlight), replica, settings.lease());
        } catch (RuntimeException e) {
            log.warn("pipeline.renew_failed platform={} items={} reason={}", platform, inFlight.size(), e.getMessage());
        }
    }

    private void finishedOne() {
        outstanding.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Drains for five seconds, then stops. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /**
     * Stops admitting, lets the workers answer what is claimed and pending within {@code grace},
     * then interrupts them (never the answers being computed). Idempotent.
     */
    public void close(Duration grace) {
        closed = true;
        draining = true;
        wake.release(settings.workers());
        workers.shutdown();
        sideJobs.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("pipeline.shutdown.unfinished platform={} graceMs={} inFlight={}", platform, grace.toMillis(), inFlight.size());
                workers.shutdownNow();
                workers.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        renewals.shutdownNow();
        compute.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
