package startupcoach.dingtalk;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.server.RequestContext;

/**
 * The Stream mode handler for {@code /v1.0/im/bot/messages/get}. Declared with {@code String} as
 * its request type: the SDK reads that type argument and then hands over the raw JSON, which goes
 * through the same {@link MessageParser} as the HTTP callback (the SDK's own ChatbotMessage drops
 * fields such as robotCode).
 *
 * <p>Returns, so the SDK acks, for every message but one the database was needed for and could not
 * be reached: a thrown exception makes DingTalk redeliver, about once a minute, which would repeat
 * forever for a message the bot can never handle.
 */
final class StreamListener implements OpenDingTalkCallbackListener<String, Map<String, Object>> {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(StreamListener.class);

    private final transient MessageParser parser;
    private final transient MessageIntake intake;

    StreamListener(MessageParser parser, MessageIntake intake) {
        this.parser = parser;
        this.intake = intake;
    }

    @Override
    public Map<String, Object> execute(String data) {
        try (RequestContext.Scope scope = RequestContext.open(RequestContext.newId())) {
            if (intake.accept(parser.parse(data == null ? "" : data), "stream") == MessageIntake.Outcome.STORAGE_UNAVAILABLE) {
                // The one case where a redelivery is wanted: the SDK reports the failure and DingTalk
                // sends the message again in about a minute, when the database may be back.
                throw new StorageUnavailableException("database unavailable; DingTalk will redeliver", null);
            }
        } catch (MalformedCallbackException e) {
            log.warn("dingtalk.stream_malformed reason={}", e.getMessage());
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("dingtalk.stream_failed", e);
        }
        return Map.of();
    }
}
