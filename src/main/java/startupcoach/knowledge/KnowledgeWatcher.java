package startupcoach.knowledge;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that a knowledge directory's files changed and says so once per change.
 *
 * <p>Two paths lead to the same check. A {@link WatchService} reacts within seconds; its events
 * are debounced (an editor saving, a {@code git pull} touching five files, a ConfigMap's symlink
 * swap all arrive as bursts), and any event counts, not only {@code *.md} names, because a
 * Kubernetes ConfigMap changes through its {@code ..data} link. A periodic check is the fallback:
 * WatchService misses changes on some network file systems and bind mounts, and misses none of
 * them twice. Both compare the {@link KnowledgeFiles#fingerprint content fingerprint} with the last
 * one seen, so a touch or an editor's swap file triggers nothing, and a change is reported once
 * even when both paths see it.
 *
 * <p>{@code onChange} runs on the watcher's own thread and should only hand the work on (a
 * reload runs in the background). Thread-safe; {@link #close()} stops both paths.
 */
public final class KnowledgeWatcher implements AutoCloseable {

    /** How long a burst of events must be quiet before the directory is checked. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(KnowledgeWatcher.class);

    private final Path dir;
    private final Duration debounce;
    private final Duration poll;
    private final Consumer<String> onChange;
    private final ScheduledExecutorService timer;
    private String lastSeen; // guarded by this
    private ScheduledFuture<?> pending; // guarded by this
    private WatchService watchService;
    private Thread watchThread;

    /**
     * @param dir         the knowledge directory
     * @param fingerprint the fingerprint of what is being served (taken before it was loaded, so a
     *                    change made while it loaded is still noticed)
     * @param debounce    quiet time after the last file-system event
     * @param poll        interval of the fallback check; zero turns it off
     * @param onChange    told the trigger ({@code watch} or {@code poll}) when the files changed
     */
    public KnowledgeWatcher(Path dir, String fingerprint, Duration debounce, Duration poll, Consumer<String> onChange) {
        this.dir = Objects.requireNonNull(dir, "dir == null").toAbsolutePath().normalize();
        this.lastSeen = Objects.requireNonNull(fingerprint, "fingerprint == null");
        this.debounce = Objects.requireNonNull(debounce, "debounce == null");
        this.poll = Objects.requireNonNull(poll, "poll == null");
        this.onChange = Objects.requireNonNull(onChange, "onChange == null");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "knowledge-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching; a directory that cannot be watched is still polled. */
    public synchronized KnowledgeWatcher start() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
            dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            watchThread = new Thread(this::watch, "knowledge-watch");
            watchThread.setDaemon(true);
            watchThread.start();
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("knowledge.watch_unavailable dir={} reason={} fallback=poll pollSeconds={}", dir, e.toString(),
                    poll.toSeconds());
        }
        if (!poll.isZero()) {
            timer.scheduleWithFixedDelay(() -> check("poll"), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("knowledge.watching dir={} events={} debounceMs={} pollSeconds={}", dir, watchThread != null,
                debounce.toMillis(), poll.toSeconds());
        return this;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                key.pollEvents(); // overflow included: any event means "look again"
                schedule();
                if (!key.reset()) {
                    log.warn("knowledge.watch_lost dir={} fallback=poll", dir);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** Restarts the quiet period: the check runs once the burst is over. */
    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (!timer.isShutdown()) {
            pending = timer.schedule(() -> check("watch"), debounce.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void check(String trigger) {
        try {
            String now = KnowledgeFiles.fingerprint(dir);
            synchronized (this) {
                if (now.equals(lastSeen)) {
                    return;
                }
                lastSeen = now;
            }
            log.info("knowledge.changed dir={} trigger={}", dir, trigger);
            onChange.accept(trigger);
        } catch (RuntimeException e) {
            // The timer must survive: a failed check is retried at the next event or poll.
            log.warn("knowledge.check_failed dir={} trigger={}", dir, trigger, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (watchService != null) {
                try {
                    watchService.close();
                } catch (IOException e) {
                    log.debug("knowledge.watch_close_failed dir={}", dir, e);
                }
            }
        }
    }
}
