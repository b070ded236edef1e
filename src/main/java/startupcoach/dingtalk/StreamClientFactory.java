package startupcoach.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.dingtalk.open.app.api.security.AuthClientCredential;
import java.util.Map;

/**
 * Builds the Stream mode client. The official client's gateway cannot be pointed elsewhere, so
 * tests pass their own factory, keep the listeners and drive them with real-shaped callbacks.
 */
@FunctionalInterface
public interface StreamClientFactory {

    /**
     * @param listeners the handler per topic: {@link DingTalkStreamTopics#BOT_MESSAGE_TOPIC} always,
     *                  {@link DingTalkStreamTopics#CARD_CALLBACK_TOPIC} when answers are cards
     * @return a client not yet started
     */
    OpenDingTalkClient create(String appKey, String appSecret, Map<String, OpenDingTalkCallbackListener<String, ?>> listeners);

    /** The official {@code app-stream-client}: an outbound WebSocket to DingTalk's gateway. */
    static StreamClientFactory official() {
        return (appKey, appSecret, listeners) -> {
            OpenDingTalkStreamClientBuilder builder = OpenDingTalkStreamClientBuilder.custom()
                    .credential(new AuthClientCredential(appKey, appSecret));
            listeners.forEach(builder::registerCallbackListener);
            return builder.build();
        };
    }
}
