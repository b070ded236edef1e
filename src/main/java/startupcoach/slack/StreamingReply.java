package startupcoach.slack;

import com.slack.api.model.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.compose.DraftListener;
import startupcoach.server.DeliveryRetry;

/**
 * Shows a language model's answer in a Slack thread while the model writes it: the first words
 * open a message with {@code chat.startStream}, more text follows with {@code chat.appendStream}
 * (throttled, see {@link AppendThrottle}), and once the composer has checked the citations of the
 * whole text, {@code chat.stopStream} adds the sources, buttons and 👍/👎 below it. When the check
 * changed the text (markers repaired) or rejected it (the answer is the knowledge base's quotes
 * instead), or the model failed half-way, the stream is stopped and the message is replaced with
 * the finished reply by {@code chat.update}: a reader never keeps text whose citations failed.
 *
 * <p>Replies that are not written by a model (quotes, commands, a cached answer) send no delta and
 * go out exactly as without streaming, placeholder and all. Only thread replies stream (Slack's
 * streamed messages answer a request in its thread); a DM outside threads and a {@code response_url}
 * do not. When Slack refuses {@code chat.startStream} for good ({@code not_allowed_token_type}, an
 * unknown method, any {@code ok:false}), that answer is posted the ordinary way, one log line says
 * why, and no later answer of this process tries again.
 *
 * <p>Deltas arrive on the answering thread; the Web API calls are made on the delivery thread,
 * which drains them. Thread-safe; one {@link Live} per delivery.
 */
final class StreamingReply {

    /** Sends a finished reply the ordinary way: posted into the thread, or replacing the message {@code replaceTs}. */
    @FunctionalInterface
    interface Ordinary {
        void send(Destination.InChannel to, Reply reply, String replaceTs) throws InterruptedException;

        /** The metadata the finished answer carries (set on {@code chat.stopStream}), or null. */
        default Message.Metadata metadata() {
            return null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StreamingReply.class);

    private final SlackSender sender;
    private final BlockRenderer renderer;
    private final DeliveryRetry retry;
    private final Duration placeholderAfter;
    private final Clock clock;
    private final AtomicReference<String> refused = new AtomicReference<>();

    /**
     * @param placeholderAfter as for the ordinary replies: an answer with neither text nor a result by
     *                         then first gets the "Searching…" placeholder, which the stream then replaces
     * @param clock            times the appends
     */
    StreamingReply(SlackSender sender, BlockRenderer renderer, DeliveryRetry retry, Duration placeholderAfter, Clock clock) {
        this.sender = Objects.requireNonNull(sender, "sender == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.retry = Objects.requireNonNull(retry, "retry == null");
        this.placeholderAfter = Objects.requireNonNull(placeholderAfter, "placeholderAfter == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The stream for one delivery, or null when the destination takes none (see the class comment). */
    Live open(Destination destination, IncomingMessage message) {
        if (refused.get() != null || !(destination instanceof Destination.InChannel to) || to.threadTs() == null) {
            return null;
        }
        return new Live(to, message);
    }

    private sealed interface Event {
    }

    private record Delta(String text) implements Event {
    }

    private record Finished(DraftListener.Outcome outcome) implements Event {
    }

    /** The answer is computed (or failed): the reply future is done. */
    private record Done() implements Event {
    }

    /** One delivery: the listener the composer writes into, and the delivery that passes it on to Slack. */
    final class Live implements DraftListener {

        private final Destination.InChannel to;
        private final IncomingMessage message;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

        private Live(Destination.InChannel to, IncomingMessage message) {
            this.to = to;
            this.message = message;
        }

        @Override
        public void delta(String text) {
            events.add(new Delta(text));
        }

        @Override
        public void finished(Outcome outcome) {
            events.add(new Finished(outcome));
        }

        /** The answer's computation, given this listener, telling the delivery when it is done. */
        Callable<Reply> answering(Function<DraftListener, Reply> answer) {
            return () -> {
                try {
                    return answer.apply(this);
                } finally {
                    events.add(new Done());
                }
            };
        }

        /**
         * Delivers the reply, streamed if the model writes it, within {@code maxWait}.
         *
         * @param beforeAssistantAnswer runs first in an assistant thread (its status replaces the placeholder)
         * @return whether a placeholder was posted
         */
        boolean deliver(Future<Reply> pending, Duration maxWait, BiConsumer<Destination.InChannel, String> beforeAssistantAnswer,
                        Ordinary ordinary) throws InterruptedException {
            long deadline = System.nanoTime() + maxWait.toNanos();
            String placeholder = null;
            Event first;
            if (to.assistant()) {
                beforeAssistantAnswer.accept(to, message.text());
                first = firstDeltaOrDone(deadline);
            } else {
                first = placeholderAfter.isZero() ? null
                        : firstDeltaOrDone(Math.min(deadline, System.nanoTime() + placeholderAfter.toNanos()));
                if (first == null) {
                    placeholder = retry.call("chat.postMessage", () -> sender.post(to.channel(), to.threadTs(), renderer.placeholder()));
                    first = firstDeltaOrDone(deadline);
                }
            }
            if (first instanceof Delta d) {
                stream(d.text(), pending, deadline, placeholder, ordinary);
            } else {
                ordinary.send(to, ReplyDispatcher.await(pending, remaining(deadline)), placeholder);
            }
            return placeholder != null;
        }

        private void stream(String firstText, Future<Reply> pending, long deadline, String placeholder, Ordinary ordinary)
                throws InterruptedException {
            StringBuilder buffer = new StringBuilder(firstText);
            Event held = drainDeltas(buffer);
            String ts;
            try {
                ts = sender.startStream(to.channel(), to.threadTs(), message.userId(), to.teamId(), buffer.toString());
            } catch (SlackException e) {
                refuse(e);
                ordinary.send(to, ReplyDispatcher.await(pending, remaining(deadline)), placeholder);
                return;
            }
            if (placeholder != null) {
                retire(placeholder);
            }
            AppendThrottle throttle = new AppendThrottle(clock);
            throttle.sent();
            buffer.setLength(0);
            int appends = 0;
            boolean broken = false;
            Outcome outcome = null;
            for (Event e = held; ; e = null) {
                if (e == null) {
                    long wake = buffer.isEmpty() ? deadline : Math.min(deadline, System.nanoTime() + throttle.untilDue().toNanos());
                    e = next(wake);
                }
                if (e instanceof Done || e == null && System.nanoTime() >= deadline) {
                    break;
                }
                if (e instanceof Delta d) {
                    buffer.append(d.text());
                } else if (e instanceof Finished f) {
                    outcome = f.outcome();
                }
                if (!broken && outcome == null && throttle.due(buffer.length())) {
                    try {
                        sender.appendStream(to.channel(), ts, buffer.toString());
                        appends++;
                        buffer.setLength(0);
                        throttle.sent();
                    } catch (SlackException ex) {
                        // The rest is not lost: the finished reply replaces the message below.
                        broken = true;
                        log.warn("slack.stream.append_failed conversation={} reason={}", message.conversationId(), ex.getMessage());
                    }
                }
            }
            Reply reply = ReplyDispatcher.await(pending, remaining(deadline));
            finish(ts, reply, broken ? null : outcome, buffer.toString(), appends, ordinary);
        }

        /** Closes the stream: with the sources below it when the streamed text stands, else replaced by the reply. */
        private void finish(String ts, Reply reply, Outcome outcome, String rest, int appends, Ordinary ordinary)
                throws InterruptedException {
            boolean stands = outcome == Outcome.ACCEPTED && reply.answer() != null && reply.answer().prose() != null;
            if (stands) {
                try {
                    retry.run("chat.stopStream", () -> sender.stopStream(to.channel(), ts, rest.isEmpty() ? null : rest,
                            renderer.afterStream(reply), ordinary.metadata()));
                    log.info("slack.stream.finished conversation={} outcome=accepted appends={}", message.conversationId(), appends);
                    return;
                } catch (SlackException e) {
                    log.warn("slack.stream.stop_failed conversation={} reason={} fallback=update", message.conversationId(),
                            e.getMessage());
                }
            } else {
                try {
                    sender.stopStream(to.channel(), ts, null, null, null);
                } catch (SlackException e) {
                    // The update below still replaces the text; only the streaming state may linger.
                    log.warn("slack.stream.stop_failed conversation={} reason={}", message.conversationId(), e.getMessage());
                }
            }
            ordinary.send(to, reply, ts);
            log.info("slack.stream.replaced conversation={} outcome={} appends={}", message.conversationId(),
                    outcome == null ? "incomplete" : outcome.name().toLowerCase(Locale.ROOT), appends);
        }

        /** The placeholder posted before the model wrote anything goes: the streamed message takes its place. */
        private void retire(String placeholder) throws InterruptedException {
            try {
                sender.delete(to.channel(), placeholder);
            } catch (SlackException e) {
                log.warn("slack.stream.placeholder_not_deleted conversation={} reason={}", message.conversationId(), e.getMessage());
            }
        }

        /** Waits for the model's first text or the finished answer; null at the deadline. */
        private Event firstDeltaOrDone(long deadline) throws InterruptedException {
            while (true) {
                Event e = next(deadline);
                if (e == null || e instanceof Delta || e instanceof Done) {
                    return e;
                }
                // A Finished before any text: the model failed before writing; the quotes follow with Done.
            }
        }

        /** Appends the deltas already waiting; returns the first other event taken, or null. */
        private Event drainDeltas(StringBuilder buffer) {
            Event e;
            while ((e = events.poll()) instanceof Delta d) {
                buffer.append(d.text());
            }
            return e;
        }

        private Event next(long until) throws InterruptedException {
            return events.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void refuse(SlackException e) {
        if (e.retryable()) {
            log.warn("slack.stream.start_failed reason={} fallback=post", e.getMessage());
        } else if (refused.compareAndSet(null, e.getMessage())) {
            // One line per process: every later answer is posted the ordinary way without trying.
            log.warn("slack.stream.unavailable reason={} fallback=post for=process", e.getMessage());
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
