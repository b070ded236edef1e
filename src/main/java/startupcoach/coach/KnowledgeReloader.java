package startupcoach.coach;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.knowledge.BrokenFileException;
import startupcoach.knowledge.KnowledgeFiles;

/**
 * Re-indexes in the background and swaps the result into {@link LiveKnowledge}; the one place the
 * file watcher and the {@code reload} command both lead to.
 *
 * <p><b>Single flight:</b> one re-index at a time, on one thread. A request made while one runs is
 * queued to run once more afterwards (it may have been made because of a file saved after that run
 * read it); any further requests meanwhile join that queued run, so a burst of saves costs at most
 * two builds and never two at once. Every caller's future completes with the run that covered its
 * request.
 *
 * <p>A failed build (a broken file, an unreadable directory, the model failing) swaps nothing: the
 * previous snapshot keeps serving and the result names the file and line. Thread-safe.
 */
public final class KnowledgeReloader<T extends KnowledgeSnapshot> implements AutoCloseable {

    /** Trigger of an explicit request: always rebuilds, even when the files look unchanged. */
    public static final String ADMIN = "admin";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(KnowledgeReloader.class);

    private final LiveKnowledge<T> live;
    private final Path knowledgeDir;
    private final Supplier<T> build;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "knowledge-reload");
        t.setDaemon(true);
        return t;
    });
    /** The run not yet started that new requests join; null when none is queued. Guarded by this. */
    private Queued queued;

    private static final class Queued {
        final CompletableFuture<ReloadResult> result = new CompletableFuture<>();
        boolean forced;
        String trigger;
    }

    /**
     * @param build reads the knowledge directory strictly and builds a complete snapshot, throwing
     *              {@link BrokenFileException} for a broken file; runs on the reload thread
     */
    public KnowledgeReloader(LiveKnowledge<T> live, Path knowledgeDir, Supplier<T> build) {
        this.live = Objects.requireNonNull(live, "live == null");
        this.knowledgeDir = Objects.requireNonNull(knowledgeDir, "knowledgeDir == null");
        this.build = Objects.requireNonNull(build, "build == null");
    }

    /**
     * Asks for a re-index. {@link #ADMIN} always rebuilds; any other trigger ({@code watch},
     * {@code poll}) is skipped when the files are what is already served.
     *
     * @return completes when the run covering this request ended; never completes exceptionally
     */
    public synchronized CompletableFuture<ReloadResult> request(String trigger) {
        Objects.requireNonNull(trigger, "trigger == null");
        if (queued == null) {
            Queued next = new Queued();
            next.trigger = trigger;
            try {
                worker.execute(this::runQueued);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.completedFuture(ReloadResult.failed(null, 0, "the bot is shutting down", Duration.ZERO));
            }
            queued = next;
        } else if (!queued.trigger.contains(trigger)) {
            queued.trigger = queued.trigger + "+" + trigger;
        }
        queued.forced |= ADMIN.equals(trigger);
        return queued.result;
    }

    private void runQueued() {
        Queued run;
        synchronized (this) {
            run = queued;
            queued = null;
        }
        if (run == null) {
            return; // completed by close()
        }
        run.result.complete(reload(run.trigger, run.forced));
    }

    private ReloadResult reload(String trigger, boolean forced) {
        long start = System.nanoTime();
        try {
            if (!forced && KnowledgeFiles.fingerprint(knowledgeDir).equals(live.current().fingerprint())) {
                log.info("reload.skipped trigger={} reason=unchanged", trigger);
                return ReloadResult.unchanged(since(start));
            }
            log.info("reload.started trigger={} files={} dir={}", trigger, KnowledgeFiles.list(knowledgeDir).size(),
                    knowledgeDir.toAbsolutePath().normalize());
            T next = build.get();
            live.swap(next);
            ReloadResult done = ReloadResult.done(next.files(), next.sections(), next.passages(), since(start));
            log.info("reload.done trigger={} generation={} files={} sections={} passages={} ms={}", trigger, live.generation(),
                    done.files(), done.sections(), done.passages(), done.took().toMillis());
            return done;
        } catch (BrokenFileException e) {
            log.warn("reload.failed trigger={} file={} line={} reason=\"{}\" ms={} action=keep_previous", trigger, e.file(),
                    e.line(), e.reason(), since(start).toMillis());
            return ReloadResult.failed(e.file(), e.line(), e.reason(), since(start));
        } catch (RuntimeException e) {
            // A directory gone, a disk full, the model failing: the user-safe message is the exception's.
            log.warn("reload.failed trigger={} file=- line=0 reason=\"{}\" ms={} action=keep_previous", trigger, e.getMessage(),
                    since(start).toMillis(), e);
            return ReloadResult.failed(null, 0, e.getMessage() == null ? e.toString() : e.getMessage(), since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Stops accepting requests and gives a run in progress a few seconds to finish, so that the model
     * and the holder it is about to use are not closed under it (a run that cannot swap any more
     * closes what it built).
     */
    @Override
    public void close() {
        worker.shutdown();
        synchronized (this) {
            if (queued != null) {
                queued.result.complete(ReloadResult.failed(null, 0, "the bot is shutting down", Duration.ZERO));
                queued = null;
            }
        }
        try {
            if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("reload.abandoned reason=shutdown waitedMs={}", CLOSE_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
