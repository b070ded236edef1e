package startupcoach.dingtalk;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.server.RequestContext;

/**
 * The Stream mode handler for {@code /v1.0/im/bot/messages/get}. Declared with {@code String} as
 * its request type: the SDK reads that type argument and then hands over the raw JSON, which goes
 * through the same {@link MessageParser} as the HTTP callback (the SDK's own ChatbotMessage drops
 * fields such as robotCode).
 *
 * <p>Returns, so the SDK acks, for every message except one that could not be taken now (no room
 * in the answer queue, the database unreachable): a thrown exception makes DingTalk redeliver,
 * about once a minute, which would repeat forever for a message the bot can never handle.
 */
final class StreamListener implements OpenDingTalkCallbackListener<String, Map<String, Object>> {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(StreamListener.class);

    /** Thrown to the SDK so that DingTalk redelivers the message later. */
    static final class RedeliveryWanted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedeliveryWanted(MessageIntake.Outcome outcome) {
            super("message not taken (" + outcome + "); DingTalk will redeliver it", null, false, false);
        }
    }

    private final transient MessageParser parser;
    private final transient MessageIntake intake;

    StreamListener(MessageParser parser, MessageIntake intake) {
        this.parser = parser;
        this.intake = intake;
    }

    @Override
    public Map<String, Object> execute(String data) {
        MessageIntake.Outcome outcome;
        try (RequestContext.Scope scope = RequestContext.open(RequestContext.newId())) {
            outcome = intake.accept(parser.parse(data == null ? "" : data), "stream");
        } catch (MalformedCallbackException e) {
            log.warn("dingtalk.stream_malformed reason={}", e.getMessage());
            return Map.of();
        } catch (RuntimeException e) {
            log.error("dingtalk.stream_failed", e);
            return Map.of();
        }
        if (outcome == MessageIntake.Outcome.STORAGE_UNAVAILABLE || outcome == MessageIntake.Outcome.OVERLOADED) {
            // The cases where a redelivery is wanted: the SDK reports the failure and DingTalk
            // sends the message again in about a minute, when there may be room or a database.
            throw new RedeliveryWanted(outcome);
        }
        return Map.of();
    }
}
