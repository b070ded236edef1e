package startupcoach.slack;

import com.slack.api.model.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.server.DeliveryRetry;
import startupcoach.server.RequestContext;

/**
 * Does the slow part after Slack has been acknowledged: asks the coach and delivers the reply.
 * Slack wants an acknowledgement within 3 s, so handlers only {@link #reserve() reserve} a slot,
 * hand the work over and return.
 *
 * <p>Everything is bounded: a fixed number of delivery threads (which also wait on Slack's rate
 * limits), a smaller pool for the CPU-bound retrieval, and at most {@code maxPending} jobs
 * admitted at once. When full, {@link #reserve()} is empty and the handler answers 503 so Slack
 * redelivers later, instead of acknowledging work that would be dropped.
 *
 * <p>A question whose answer is not ready after {@code placeholderAfter} first gets a
 * "Searching the knowledge base…" message, later replaced with {@code chat.update}; a fast answer
 * is simply posted. With {@link #streamAnswers(Clock) streaming} on, a thread reply the language
 * model writes is streamed instead ({@link StreamingReply}). Each Web API call of a delivery is retried on its own through a
 * {@link DeliveryRetry} while Slack answers 429/5xx, so an incident delays replies instead of
 * losing them, and a part already posted is never posted again. Thread-safe.
 */
final class ReplyDispatcher implements AutoCloseable {

    /** An answer slower than this is given up on with an apology (the coach itself takes milliseconds). */
    static final Duration MAX_ANSWER_WAIT = Duration.ofSeconds(60);
    /** How long {@link #close()} lets admitted jobs finish. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(ReplyDispatcher.class);

    private final Coach coach;
    private final BlockRenderer renderer;
    private final SlackSender sender;
    private final Duration placeholderAfter;
    private final DeliveryRetry retry;
    private final Semaphore admitted;
    private final ThreadPoolExecutor delivery;
    private final ThreadPoolExecutor compute;
    private volatile BiConsumer<Destination.InChannel, String> beforeAssistantAnswer = (thread, question) -> { };
    private volatile StreamingReply streaming;

    ReplyDispatcher(Coach coach, BlockRenderer renderer, SlackSender sender, Duration placeholderAfter,
                    int deliveryThreads, int computeThreads, int maxPending) {
        this.retry = new DeliveryRetry(DeliveryRetry.Policy.REPLIES, e -> e instanceof SlackException s && s.retryable());
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.sender = Objects.requireNonNull(sender, "sender == null");
        this.placeholderAfter = Objects.requireNonNull(placeholderAfter, "placeholderAfter == null");
        this.admitted = new Semaphore(maxPending);
        // The queue holds every admitted job, so an admitted job is never rejected.
        this.delivery = new ThreadPoolExecutor(deliveryThreads, deliveryThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(maxPending), daemon("slack-reply"), new ThreadPoolExecutor.AbortPolicy());
        // Only delivery threads submit here, one job each at a time: the queue cannot overflow.
        // CallerRuns is the belt to those braces.
        this.compute = new ThreadPoolExecutor(computeThreads, computeThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(deliveryThreads), daemon("slack-answer"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** What runs before a question in an assistant thread is answered (status, title); set once at wiring. */
    void onAssistantQuestion(BiConsumer<Destination.InChannel, String> hook) {
        this.beforeAssistantAnswer = Objects.requireNonNull(hook, "hook == null");
    }

    /** Streams answers a language model writes into their threads ({@link StreamingReply}); set once at wiring. */
    void streamAnswers(Clock clock) {
        this.streaming = new StreamingReply(sender, renderer, retry, placeholderAfter, clock);
    }

    /** Room for one more job, or empty when saturated. An unused slot must be {@link Slot#release() released}. */
    Optional<Slot> reserve() {
        return admitted.tryAcquire() ? Optional.of(new Slot()) : Optional.empty();
    }

    /** One admitted job. */
    final class Slot {
        private boolean used;

        /** Answers the message at the destination, in the background. */
        void answer(IncomingMessage message, Destination destination) {
            run(() -> deliver(message, destination));
        }

        /** Runs other follow-up work (button clicks) in the background. */
        void run(Runnable job) {
            markUsed();
            try {
                // The request id of the event travels with the job into its log lines.
                delivery.execute(RequestContext.carry(() -> {
                    try {
                        job.run();
                    } catch (RuntimeException e) {
                        log.error("slack.job_failed", e);
                    } finally {
                        admitted.release();
                    }
                }));
            } catch (RuntimeException e) {
                // Only after close(): the pool no longer takes work.
                admitted.release();
                log.warn("slack.job_rejected reason={}", e.getClass().getSimpleName());
            }
        }

        /** Gives the slot back unused (a duplicate delivery, for instance). */
        void release() {
            markUsed();
            admitted.release();
        }

        private void markUsed() {
            if (used) {
                throw new IllegalStateException("slot already used");
            }
            used = true;
        }
    }

    private void deliver(IncomingMessage message, Destination destination) {
        StreamingReply.Live live = openStream(destination, message);
        Future<Reply> pending = compute.submit(RequestContext.carry(answering(live, message)));
        try {
            deliver(message, destination, pending, live, AnswerTag.NONE);
        } catch (InterruptedException e) {
            // Never interrupt the retrieval itself: an interrupt during Lucene I/O can close index files for everyone.
            pending.cancel(false);
            Thread.currentThread().interrupt();
        }
    }

    /** The stream an answer to this message is written into, or null when it is posted the ordinary way. */
    StreamingReply.Live openStream(Destination destination, IncomingMessage message) {
        StreamingReply streams = streaming;
        return streams == null ? null : streams.open(destination, message);
    }

    /** The answer's computation: through the stream's listener when there is one. */
    Callable<Reply> answering(StreamingReply.Live live, IncomingMessage message) {
        return live == null ? () -> coach.handle(message) : live.answering(drafts -> coach.handle(message, drafts));
    }

    /**
     * Delivers the reply being computed (streamed when {@code live} is not null), marked with
     * {@code tag}. Slack's failures are logged, not thrown.
     *
     * @throws InterruptedException when shutting down; what was posted stays posted
     */
    void deliver(IncomingMessage message, Destination destination, Future<Reply> pending, StreamingReply.Live live, AnswerTag tag)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            boolean placeholder = false;
            if (live != null && tag.resumeTs() == null) {
                placeholder = live.deliver(pending, MAX_ANSWER_WAIT, beforeAssistantAnswer, new StreamingReply.Ordinary() {
                    @Override
                    public void send(Destination.InChannel to, Reply reply, String replaceTs) throws InterruptedException {
                        ReplyDispatcher.this.send(to, reply, replaceTs, tag);
                    }

                    @Override
                    public Message.Metadata metadata() {
                        return tag.metadata();
                    }
                });
            } else if (destination instanceof Destination.InChannel c) {
                placeholder = deliverInChannel(pending, c, message, tag);
            } else if (destination instanceof Destination.ResponseUrl r) {
                send(r, renderer.render(await(pending, MAX_ANSWER_WAIT)));
            }
            log.info("slack.reply.sent conversation={} placeholder={} latencyMs={}", message.conversationId(), placeholder,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SlackException e) {
            log.warn("slack.reply.failed conversation={} reason={}", message.conversationId(), e.getMessage());
        }
    }

    /** Returns whether a placeholder was posted first. */
    private boolean deliverInChannel(Future<Reply> pending, Destination.InChannel to, IncomingMessage message, AnswerTag tag)
            throws InterruptedException {
        if (tag.resumeTs() != null) {
            // An earlier attempt posted the placeholder: the answer replaces it.
            send(to, await(pending, MAX_ANSWER_WAIT), tag.resumeTs(), tag);
            return true;
        }
        if (to.assistant()) {
            // The thread's status is the assistant panel's placeholder; the reply clears it.
            beforeAssistantAnswer.accept(to, message.text());
            send(to, await(pending, MAX_ANSWER_WAIT), null, tag);
            return false;
        }
        Reply fast = placeholderAfter.isZero() ? null : awaitOrNull(pending, placeholderAfter);
        if (fast != null) {
            send(to, fast, null, tag);
            return false;
        }
        tag.progress().started();
        String ts = post(to, renderer.placeholder(), null);
        tag.progress().sent(ts);
        send(to, await(pending, MAX_ANSWER_WAIT), ts, tag);
        return true;
    }

    /**
     * Posts the reply's messages into the channel, the first one replacing the message {@code replaceTs}
     * if not null; the first carries the tag's metadata.
     */
    private void send(Destination.InChannel to, Reply reply, String replaceTs, AnswerTag tag) throws InterruptedException {
        List<SlackMessage> parts = renderer.render(reply);
        tag.progress().started();
        int posted = 0;
        if (replaceTs != null) {
            retry.run("chat.update", () -> sender.update(to.channel(), replaceTs, parts.get(0), tag.metadata()));
            posted = 1;
        }
        for (SlackMessage part : parts.subList(posted, parts.size())) {
            post(to, part, posted == 0 ? tag.metadata() : null);
            posted++;
        }
    }

    private String post(Destination.InChannel to, SlackMessage part, Message.Metadata metadata) throws InterruptedException {
        return retry.call("chat.postMessage", () -> sender.post(to.channel(), to.threadTs(), part, metadata));
    }

    private void send(Destination.ResponseUrl to, List<SlackMessage> parts) throws InterruptedException {
        // The first part replaces the "Looking that up…" acknowledgement; further parts follow it.
        for (int i = 0; i < parts.size(); i++) {
            SlackMessage part = parts.get(i);
            boolean replaceOriginal = i == 0;
            retry.run("response_url", () -> sender.respond(to.url(), part, to.ephemeral(), replaceOriginal));
        }
    }

    private static Reply awaitOrNull(Future<Reply> pending, Duration wait) throws InterruptedException {
        try {
            return pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            return failed(e);
        }
    }

    /** The reply within {@code wait}; an apology when it took longer or failed. */
    static Reply await(Future<Reply> pending, Duration wait) throws InterruptedException {
        try {
            return pending.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(false);
            log.error("slack.answer.timeout waitedMs={}", wait.toMillis());
            return Reply.of(ReplyKind.ERROR, "Sorry, that took too long. Please try again in a moment.");
        } catch (ExecutionException e) {
            return failed(e);
        }
    }

    private static Reply failed(ExecutionException e) {
        // Coach.handle never throws; this is a bug, but the user still gets an answer, never silence.
        log.error("slack.answer.failed", e.getCause());
        return Reply.of(ReplyKind.ERROR, "Sorry, something went wrong while answering. Please try again in a moment.");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Lets running and queued deliveries finish for a few seconds, then stops. */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /** Lets running and queued deliveries finish within {@code grace}, then stops (interrupting none of the retrievals). */
    void close(Duration grace) {
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("slack.shutdown.unfinished graceMs={}", grace.toMillis());
                delivery.shutdownNow();
            }
        } catch (InterruptedException e) {
            delivery.shutdownNow();
            Thread.currentThread().interrupt();
        }
        compute.shutdown();
    }
}
