package startupcoach.dingtalk;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.server.RequestContext;

/**
 * The Stream mode handler for {@code /v1.0/card/instances/callback}: button clicks on the bot's
 * cards. Like {@link StreamListener} it takes the raw JSON and returns (so the SDK acks) unless the
 * click could not be taken now, when a throw makes DingTalk deliver it again.
 */
final class CardCallbackListener implements OpenDingTalkCallbackListener<String, Map<String, Object>> {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CardCallbackListener.class);

    private final transient CardClicks clicks;

    CardCallbackListener(CardClicks clicks) {
        this.clicks = clicks;
    }

    @Override
    public Map<String, Object> execute(String data) {
        CardClicks.Outcome outcome;
        try (RequestContext.Scope scope = RequestContext.open(RequestContext.newId())) {
            outcome = clicks.handle(data == null ? "" : data, "stream");
        } catch (StorageUnavailableException e) {
            log.error("dingtalk.card_click_deferred reason=database_unavailable");
            throw new StreamListener.RedeliveryWanted(MessageIntake.Outcome.STORAGE_UNAVAILABLE);
        } catch (RuntimeException e) {
            log.error("dingtalk.card_click_failed", e);
            return Map.of();
        }
        if (outcome == CardClicks.Outcome.DEFERRED) {
            throw new StreamListener.RedeliveryWanted(MessageIntake.Outcome.OVERLOADED);
        }
        return Map.of();
    }
}
