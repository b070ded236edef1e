package startupcoach.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.server.RequestContext;

/**
 * Where both transports hand over messages: the cheap checks run on the callback thread (so it can
 * ack at once), the answer on a bounded worker pool. Drops redeliveries (same msgId), messages
 * older than the maximum age (DingTalk redelivers un-acked messages, and an answer to a question
 * asked long ago, e.g. after an outage, confuses the chat) and conversation types it does not know.
 */
final class MessageIntake implements AutoCloseable {

    /** What became of a message. */
    enum Outcome { ACCEPTED, DUPLICATE, TOO_OLD, UNSUPPORTED, OVERLOADED, STORAGE_UNAVAILABLE }

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final Deduplicator dedupe;
    private final Duration maxAge;
    private final Clock clock;
    private final ExecutorService workers;
    private final Consumer<DingTalkMessage> handler;
    private final Consumer<DingTalkMessage> apology;
    /** Room for accepted answers: taken before the dedupe key is written, so a message refused for lack of room is still new when redelivered. */
    private final Semaphore room;

    /**
     * @param workers    runs the answers; its queue must hold {@code maxPending} jobs
     * @param maxPending accepted answers not yet finished, at most
     * @param handler    answers an accepted message
     * @param apology    tells the sender that their message could not be taken now
     */
    MessageIntake(Deduplicator dedupe, Duration maxAge, Clock clock, ExecutorService workers, int maxPending,
                  Consumer<DingTalkMessage> handler, Consumer<DingTalkMessage> apology) {
        this.room = new Semaphore(maxPending);
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.workers = Objects.requireNonNull(workers, "workers == null");
        this.handler = Objects.requireNonNull(handler, "handler == null");
        this.apology = Objects.requireNonNull(apology, "apology == null");
    }

    Outcome accept(DingTalkMessage message, String transport) {
        if (!message.isGroup() && !message.isSingle()) {
            log.info("dingtalk.message_dropped reason=unsupported_conversation msgId={} conversationType={} via={}",
                    message.msgId(), message.conversationType(), transport);
            return Outcome.UNSUPPORTED;
        }
        long ageMs = message.createAt() == 0 ? 0 : clock.millis() - message.createAt();
        if (ageMs > maxAge.toMillis()) {
            log.info("dingtalk.message_dropped reason=too_old msgId={} ageMs={} maxAgeMs={} via={}", message.msgId(), ageMs,
                    maxAge.toMillis(), transport);
            return Outcome.TOO_OLD;
        }
        if (!room.tryAcquire()) {
            log.warn("dingtalk.message_deferred reason=overloaded msgId={} via={}", message.msgId(), transport);
            return Outcome.OVERLOADED;
        }
        boolean first;
        try {
            first = dedupe.firstTime("dingtalk:msg:" + message.msgId());
        } catch (StorageUnavailableException e) {
            room.release();
            log.error("dingtalk.message_deferred reason=database_unavailable msgId={} via={}", message.msgId(), transport);
            return Outcome.STORAGE_UNAVAILABLE;
        }
        if (!first) {
            room.release();
            log.info("dingtalk.message_dropped reason=duplicate msgId={} via={}", message.msgId(), transport);
            return Outcome.DUPLICATE;
        }
        try {
            workers.execute(RequestContext.carry(() -> {
                try {
                    handler.accept(message);
                } finally {
                    room.release();
                }
            }));
            return Outcome.ACCEPTED;
        } catch (RejectedExecutionException e) {
            // Only after close(): shutting down.
            room.release();
            log.warn("dingtalk.message_dropped reason=shutting_down msgId={} via={}", message.msgId(), transport);
            return Outcome.OVERLOADED;
        }
    }

    /**
     * Tells the sender, in the background, that the message could not be taken now and should be
     * sent again later: for a transport that does not redeliver (the HTTP callback).
     */
    void apologize(DingTalkMessage message) {
        try {
            workers.execute(RequestContext.carry(() -> apology.accept(message)));
        } catch (RejectedExecutionException e) {
            log.warn("dingtalk.apology_dropped reason=overloaded msgId={}", message.msgId());
        }
    }

    /** Lets queued answers finish for a few seconds, then stops. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Lets running and queued answers finish within {@code grace}, then stops. */
    void close(Duration grace) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("dingtalk.shutdown.unfinished graceMs={}", grace.toMillis());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
