package startupcoach.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.model.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.pipeline.InboxItem;
import startupcoach.pipeline.Outlet;
import startupcoach.pipeline.PendingReply;

/**
 * Slack's {@link Outlet}: delivers an answer taken from the inbox the way {@link ReplyDispatcher}
 * always did (placeholder after a moment, the assistant panel's status, streaming, per-call retries),
 * marked with an {@link AnswerTag} so that Slack itself can later say whether it went out:
 * {@link #alreadyAnswered} reads the thread ({@code conversations.replies}) or the channel
 * ({@code conversations.history}) since shortly before the question, with {@code include_all_metadata},
 * and looks for a message whose metadata names the event. A failed lookup is {@link Answered#UNKNOWN}.
 *
 * <p>The reply address is a small JSON object: channel, thread_ts, assistant flag, team and event id.
 * Thread-safe.
 */
final class SlackOutlet implements Outlet {

    /** A message posted a little before the question's receipt time still counts (clocks differ). */
    static final Duration LOOKBACK = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(SlackOutlet.class);

    /** Where an inbox item's answer goes, and which event it answers. */
    record Address(Destination.InChannel to, String eventId) {
        Address {
            Objects.requireNonNull(to, "to == null");
            Objects.requireNonNull(eventId, "eventId == null");
        }

        String toJson() {
            ObjectNode o = JSON.createObjectNode().put("channel", to.channel()).put("thread_ts", to.threadTs())
                    .put("assistant", to.assistant()).put("team", to.teamId()).put("event_id", eventId);
            return o.toString();
        }

        static Address fromJson(String json) {
            try {
                JsonNode o = JSON.readTree(json);
                return new Address(new Destination.InChannel(o.path("channel").asText(), text(o, "thread_ts"),
                        o.path("assistant").asBoolean(false), text(o, "team")), o.path("event_id").asText());
            } catch (JsonProcessingException e) {
                // Written by this adapter: a bug, not user input.
                throw new IllegalStateException("not a Slack reply address: " + e.getOriginalMessage(), e);
            }
        }

        private static String text(JsonNode o, String field) {
            JsonNode v = o.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    private final ReplyDispatcher dispatcher;
    private final SlackSender sender;
    /** The stream of each item being answered, shared by its computation and its delivery. */
    private final Map<Long, Optional<StreamingReply.Live>> streams = new ConcurrentHashMap<>();

    SlackOutlet(ReplyDispatcher dispatcher, SlackSender sender) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
        this.sender = Objects.requireNonNull(sender, "sender == null");
    }

    @Override
    public Reply answer(Coach coach, InboxItem item) {
        try {
            return dispatcher.answering(stream(item), item.inbound().message()).call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("answer failed", e);
        }
    }

    @Override
    public void deliver(InboxItem item, PendingReply reply, Progress progress) throws InterruptedException {
        Address address = Address.fromJson(item.inbound().replyAddress());
        try {
            StreamingReply.Live live = reply.given() ? null : stream(item);
            dispatcher.deliver(item.inbound().message(), address.to(), reply.future(), live,
                    AnswerTag.forEvent(address.eventId(), progress, item.sentRef()));
        } finally {
            streams.remove(item.id());
        }
    }

    @Override
    public Answered alreadyAnswered(InboxItem item) throws InterruptedException {
        Address address = Address.fromJson(item.inbound().replyAddress());
        long oldest = item.inbound().receivedAt().minus(LOOKBACK).toEpochMilli();
        String oldestTs = oldest / 1000 + "." + String.format("%03d000", oldest % 1000);
        try {
            List<Message> recent = sender.recent(address.to().channel(), address.to().threadTs(), oldestTs);
            boolean found = recent.stream().anyMatch(m -> AnswerTag.answers(m, address.eventId()));
            log.info("slack.answer_lookup event={} channel={} found={} messages={}", address.eventId(), address.to().channel(), found,
                    recent.size());
            return found ? Answered.YES : Answered.NO;
        } catch (SlackException e) {
            log.warn("slack.answer_lookup_failed event={} channel={} reason={}", address.eventId(), address.to().channel(),
                    e.getMessage());
            return Answered.UNKNOWN;
        }
    }

    private StreamingReply.Live stream(InboxItem item) {
        return streams.computeIfAbsent(item.id(), id -> {
            IncomingMessage message = item.inbound().message();
            return Optional.ofNullable(dispatcher.openStream(Address.fromJson(item.inbound().replyAddress()).to(), message));
        }).orElse(null);
    }
}
