package startupcoach.dingtalk;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.pipeline.Admission;
import startupcoach.pipeline.Inbound;
import startupcoach.pipeline.Pipeline;

/**
 * Where both transports hand over messages, on the callback thread: drops conversation types the
 * bot does not know, and writes every other message into the {@link Pipeline}'s inbox before the
 * transport acknowledges it, so a crash after the ack leaves it to be answered by the next start.
 * The pipeline drops redeliveries (same msgId), messages older than DingTalk's maximum age, and
 * refuses what it has no room for (nothing recorded, so a redelivery is new).
 */
final class MessageIntake {

    /** What became of a message. */
    enum Outcome { ACCEPTED, DUPLICATE, TOO_OLD, UNSUPPORTED, OVERLOADED, STORAGE_UNAVAILABLE }

    private static final Logger log = LoggerFactory.getLogger(MessageIntake.class);

    private final Pipeline pipeline;
    private final MessageParser addresses;
    private final Clock clock;
    private final Consumer<DingTalkMessage> apology;

    /**
     * @param addresses writes the message as the reply address its answer is sent with
     * @param apology   tells the sender that their message could not be taken now
     */
    MessageIntake(Pipeline pipeline, MessageParser addresses, Clock clock, Consumer<DingTalkMessage> apology) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
        this.addresses = Objects.requireNonNull(addresses, "addresses == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.apology = Objects.requireNonNull(apology, "apology == null");
    }

    Outcome accept(DingTalkMessage message, String transport) {
        if (!message.isGroup() && !message.isSingle()) {
            log.info("dingtalk.message_dropped reason=unsupported_conversation msgId={} conversationType={} via={}",
                    message.msgId(), message.conversationType(), transport);
            return Outcome.UNSUPPORTED;
        }
        Admission admission;
        try {
            admission = pipeline.accept(inbound(message));
        } catch (StorageUnavailableException e) {
            log.error("dingtalk.message_deferred reason=database_unavailable msgId={} via={}", message.msgId(), transport);
            return Outcome.STORAGE_UNAVAILABLE;
        }
        return switch (admission) {
            case ACCEPTED -> Outcome.ACCEPTED;
            case DUPLICATE -> {
                log.info("dingtalk.message_dropped reason=duplicate msgId={} via={}", message.msgId(), transport);
                yield Outcome.DUPLICATE;
            }
            case TOO_OLD -> {
                log.info("dingtalk.message_dropped reason=too_old msgId={} via={}", message.msgId(), transport);
                yield Outcome.TOO_OLD;
            }
            case OVERLOADED, CLOSED -> {
                log.warn("dingtalk.message_deferred reason={} msgId={} via={}", admission == Admission.CLOSED ? "shutting_down"
                        : "overloaded", message.msgId(), transport);
                yield Outcome.OVERLOADED;
            }
        };
    }

    /**
     * Tells the sender, in the background, that the message could not be taken now and should be
     * sent again later: for a transport that does not redeliver (the HTTP callback).
     */
    void apologize(DingTalkMessage message) {
        if (!pipeline.offload(() -> apology.accept(message))) {
            log.warn("dingtalk.apology_dropped reason=overloaded msgId={}", message.msgId());
        }
    }

    private Inbound inbound(DingTalkMessage m) {
        // In a group each sender is a conversation of their own, so two people's follow-ups never mix.
        String text = m.isText() ? Mentions.stripLeading(m.text()) : "";
        Instant sent = m.createAt() == 0 ? clock.instant() : Instant.ofEpochMilli(m.createAt());
        return new Inbound(DingTalkBot.PLATFORM, m.conversationId(), m.isGroup() ? m.userId() : null, m.userId(), text,
                List.of("dingtalk:msg:" + m.msgId()), sent, addresses.toJson(m));
    }
}
