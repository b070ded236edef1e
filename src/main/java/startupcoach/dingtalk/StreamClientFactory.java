package startupcoach.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.dingtalk.open.app.api.security.AuthClientCredential;

/**
 * Builds the Stream mode client. The official client's gateway cannot be pointed elsewhere, so
 * tests pass their own factory, keep the listener and drive it with real-shaped callbacks.
 */
@FunctionalInterface
public interface StreamClientFactory {

    /**
     * @param botListener the handler for {@link DingTalkStreamTopics#BOT_MESSAGE_TOPIC}
     * @return a client not yet started
     */
    OpenDingTalkClient create(String appKey, String appSecret, OpenDingTalkCallbackListener<String, ?> botListener);

    /** The official {@code app-stream-client}: an outbound WebSocket to DingTalk's gateway. */
    static StreamClientFactory official() {
        return (appKey, appSecret, botListener) -> OpenDingTalkStreamClientBuilder.custom()
                .credential(new AuthClientCredential(appKey, appSecret))
                .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, botListener)
                .build();
    }
}
