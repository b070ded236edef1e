package startupcoach.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Signs a custom robot webhook URL as DingTalk's 加签 security setting requires: append
 * {@code timestamp} (epoch milliseconds, within an hour of DingTalk's clock) and
 * {@code sign = urlEncode(Base64(HmacSHA256(secret, timestamp + "\n" + secret)))}. Factory-only.
 */
final class RobotSigning {

    private RobotSigning() {
    }

    /**
     * @param webhookUrl {@code https://oapi.dingtalk.com/robot/send?access_token=…}
     * @param secret     the robot's {@code SEC…} secret
     * @return the URL to POST to; it holds the access token, so it is never logged
     */
    static String signedUrl(String webhookUrl, String secret, long timestampMillis) {
        String timestamp = Long.toString(timestampMillis);
        String sign = CallbackSignature.sign(secret.getBytes(StandardCharsets.UTF_8), timestamp);
        // Base64 has '+', '/' and '=': unencoded, '+' would reach DingTalk as a space and fail the check.
        return webhookUrl + (webhookUrl.contains("?") ? "&" : "?") + "timestamp=" + timestamp
                + "&sign=" + URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }
}
