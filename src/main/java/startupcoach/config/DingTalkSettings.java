package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * DingTalk (钉钉) settings, read once from the environment by the wiring. {@link #toString()} never
 * shows the app secret.
 *
 * @param appKey        {@code DINGTALK_APP_KEY} (ClientID); null when unset. Needed by Stream mode and
 *                      by the robot OpenAPI (expired sessionWebhook)
 * @param appSecret     {@code DINGTALK_APP_SECRET} (ClientSecret); null when unset. Signs HTTP callbacks
 * @param mode          {@code DINGTALK_MODE}: {@code stream} (default when key and secret are set) or {@code http}
 * @param apiUrl        {@code DINGTALK_API_URL}, default {@value #DEFAULT_API_URL}, without trailing slash
 * @param robotCode     {@code DINGTALK_ROBOT_CODE}; null means "take it from the message, else the app key"
 * @param maxMessageAge {@code DINGTALK_MAX_MESSAGE_AGE_SECONDS}, default 300: older messages are dropped
 * @param replies       {@code COACH_DINGTALK_REPLY}: {@code card} (default when the app key is set: AI cards
 *                      through the OpenAPI) or {@code markdown} (session webhook messages)
 * @param cardTemplate  {@code COACH_DINGTALK_CARD_TEMPLATE}, default {@value #AI_CARD_TEMPLATE} (DingTalk's
 *                      built-in AI card, which needs no template of your own)
 */
public record DingTalkSettings(String appKey, String appSecret, Mode mode, String apiUrl, String robotCode,
                               Duration maxMessageAge, Replies replies, String cardTemplate) {

    /** DingTalk's built-in AI card template: title, streamed markdown, buttons, flow status. */
    public static final String AI_CARD_TEMPLATE = "382e4302-551d-4880-bf29-a30acfab2e71.schema";

    /** How answers are shown. */
    public enum Replies {
        /** An AI card per answer, with 👍/👎, 查看原文 and follow-up buttons; markdown when the app lacks the permission. */
        CARD,
        /** Markdown messages through the session webhook (the robot OpenAPI once it expired). */
        MARKDOWN
    }

    public static final String DEFAULT_API_URL = "https://api.dingtalk.com";
    public static final Duration DEFAULT_MAX_MESSAGE_AGE = Duration.ofMinutes(5);

    /** How messages reach the bot. The HTTP callback route is registered in both modes. */
    public enum Mode {
        /** Outbound WebSocket through the official client: no public URL needed. */
        STREAM,
        /** Only the signed HTTP callback {@code POST /dingtalk/callback}. */
        HTTP
    }

    public DingTalkSettings {
        appKey = blankToNull(appKey);
        appSecret = blankToNull(appSecret);
        Objects.requireNonNull(mode, "mode == null");
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : stripTrailingSlash(apiUrl.strip());
        robotCode = blankToNull(robotCode);
        Objects.requireNonNull(maxMessageAge, "maxMessageAge == null");
        if (maxMessageAge.isNegative() || maxMessageAge.isZero()) {
            throw new IllegalArgumentException("DINGTALK_MAX_MESSAGE_AGE_SECONDS must be positive");
        }
        Objects.requireNonNull(replies, "replies == null");
        cardTemplate = cardTemplate == null || cardTemplate.isBlank() ? AI_CARD_TEMPLATE : cardTemplate.strip();
        if (replies == Replies.CARD && appKey == null) {
            throw new IllegalArgumentException("COACH_DINGTALK_REPLY=card needs DINGTALK_APP_KEY (cards go through the OpenAPI)");
        }
        if (mode == Mode.STREAM && (appKey == null || appSecret == null)) {
            throw new IllegalArgumentException("DINGTALK_MODE=stream needs DINGTALK_APP_KEY and DINGTALK_APP_SECRET");
        }
    }

    /**
     * Reads the {@code DINGTALK_*} variables.
     *
     * @throws IllegalArgumentException for a value that cannot be used, naming the variable and the valid values
     */
    public static DingTalkSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(env, DingTalkSettings::from);
    }

    public static DingTalkSettings from(Environment env) {
        String key = env.textOrNull("DINGTALK_APP_KEY");
        String secret = env.textOrNull("DINGTALK_APP_SECRET");
        boolean credentials = key != null && secret != null;
        Mode mode = env.choice("DINGTALK_MODE", credentials ? Mode.STREAM : Mode.HTTP);
        Duration age = env.duration("DINGTALK_MAX_MESSAGE_AGE_SECONDS", DEFAULT_MAX_MESSAGE_AGE, ChronoUnit.SECONDS, 0);
        Replies replies = env.choice("COACH_DINGTALK_REPLY", key != null ? Replies.CARD : Replies.MARKDOWN);
        return new DingTalkSettings(key, secret, mode, env.textOrNull("DINGTALK_API_URL"), env.textOrNull("DINGTALK_ROBOT_CODE"), age,
                replies, env.textOrNull("COACH_DINGTALK_CARD_TEMPLATE"));
    }

    public Optional<String> appKeyIfAny() {
        return Optional.ofNullable(appKey);
    }

    public Optional<String> appSecretIfAny() {
        return Optional.ofNullable(appSecret);
    }

    public Optional<String> robotCodeIfAny() {
        return Optional.ofNullable(robotCode);
    }

    @Override
    public String toString() {
        return "DingTalkSettings[appKey=" + appKey + ", appSecret=" + (appSecret == null ? "unset" : "***")
                + ", mode=" + mode + ", apiUrl=" + apiUrl + ", robotCode=" + robotCode
                + ", maxMessageAge=" + maxMessageAge + ", replies=" + replies + ", cardTemplate=" + cardTemplate + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
