package startupcoach.digest;

import java.util.Objects;

/**
 * A DingTalk group's custom robot: the webhook URL (with its {@code access_token}) and the signing
 * secret ({@code SEC…}). Both are credentials: {@link #toString()} shows neither.
 *
 * @param url    {@code https://oapi.dingtalk.com/robot/send?access_token=…}
 * @param secret the robot's 加签 secret
 */
public record RobotWebhook(String url, String secret) {

    public RobotWebhook {
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(secret, "secret == null");
        if (url.isBlank() || secret.isBlank()) {
            throw new IllegalArgumentException("webhook url and secret must not be blank");
        }
    }

    /** Scheme, host and path only: safe to log and to show in chat. */
    public String safeUrl() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public String toString() {
        return "RobotWebhook[" + safeUrl() + ", token and secret hidden]";
    }
}
