package startupcoach.dingtalk;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.server.DeliveryRetry;

/**
 * Delivers the reply to a message: through its sessionWebhook while that is valid, else through
 * the robot OpenAPI (when an app key is configured). Each part is retried on its own while DingTalk
 * refuses it transiently (HTTP 429/5xx, "sending too fast"), so an incident delays the reply
 * instead of losing it and no part is sent twice. Thread-safe.
 */
final class Replier {

    /** A webhook this close to expiry is treated as expired: the POST itself takes time. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Replier.class);

    private final SessionWebhook webhook;
    private final RobotApi robotApi;
    private final String robotCode;
    private final Clock clock;
    private final DeliveryRetry retry;

    /**
     * @param robotApi  null when no app key is configured: expired webhooks then cannot be answered
     * @param robotCode {@code DINGTALK_ROBOT_CODE}, or null
     */
    Replier(SessionWebhook webhook, RobotApi robotApi, String robotCode, Clock clock) {
        this.retry = new DeliveryRetry(DeliveryRetry.Policy.REPLIES, e -> e instanceof DingTalkException d && d.retryable());
        this.webhook = webhook;
        this.robotApi = robotApi;
        this.robotCode = robotCode;
        this.clock = clock;
    }

    void send(DingTalkMessage origin, List<MarkdownMessage> messages) throws DingTalkException, InterruptedException {
        boolean viaWebhook = webhookUsable(origin);
        if (!viaWebhook && robotApi == null) {
            throw new DingTalkException("session webhook expired and DINGTALK_APP_KEY is not set, so the robot"
                    + " OpenAPI cannot be used", -1);
        }
        for (MarkdownMessage message : messages) {
            if (viaWebhook) {
                retry.run("session webhook", () -> webhook.send(origin.sessionWebhook(), message));
            } else {
                retry.run("robot api", () -> robotApi.send(origin, message, robotCode));
            }
        }
        log.info("dingtalk.reply_sent msgId={} via={} parts={}", origin.msgId(), viaWebhook ? "webhook" : "openapi",
                messages.size());
    }

    private boolean webhookUsable(DingTalkMessage origin) {
        if (origin.sessionWebhook() == null || origin.sessionWebhook().isBlank()) {
            return false;
        }
        // 0 means DingTalk did not say: try the webhook.
        return origin.sessionWebhookExpiredTime() == 0
                || clock.millis() + EXPIRY_MARGIN.toMillis() < origin.sessionWebhookExpiredTime();
    }
}
