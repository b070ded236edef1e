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
 * <p>Always returns, so the SDK always acks: a thrown exception would make DingTalk redeliver a
 * message the bot can never handle, about once a minute.
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
            intake.accept(parser.parse(data == null ? "" : data), "stream");
        } catch (MalformedCallbackException e) {
            log.warn("dingtalk.stream_malformed reason={}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("dingtalk.stream_failed", e);
        }
        return Map.of();
    }
}
