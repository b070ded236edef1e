package startupcoach.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the bot talks to Slack, read once from the environment at start-up. Two transports: HTTP
 * (Events API; needs the signing secret) and Socket Mode (needs an app-level token); both need
 * the bot token. {@link #toString()} never shows a secret.
 *
 * @param botToken         {@code SLACK_BOT_TOKEN} ({@code xoxb-…}), or null
 * @param signingSecret    {@code SLACK_SIGNING_SECRET}, or null
 * @param appToken         {@code SLACK_APP_TOKEN} ({@code xapp-…}, scope {@code connections:write}), or null
 * @param apiUrl           {@code SLACK_API_URL}, the Web API base URL ending in {@code /}; default {@link #DEFAULT_API_URL}
 * @param placeholderAfter {@code SLACK_PLACEHOLDER_AFTER_MS}: an answer not ready after this long first gets a
 *                         "searching" placeholder that is then replaced; zero always posts one; default 1 s
 * @param markdownBlock    {@code SLACK_MARKDOWN_BLOCK}: answers up to 12,000 characters as one {@code markdown}
 *                         block (default true); false, or a longer answer, gives section blocks
 * @param assistant        {@code SLACK_ASSISTANT}: the app has the assistant panel (default true), so a threaded
 *                         DM gets the "searching" status and a title
 * @param english          {@code SLACK_WORKSPACE_LANGUAGE=en}: the panel's prompts and status in English;
 *                         default {@code zh}, Chinese
 */
public record SlackSettings(String botToken, String signingSecret, String appToken, String apiUrl, Duration placeholderAfter,
                            boolean markdownBlock, boolean assistant, boolean english) {

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    public static final Duration DEFAULT_PLACEHOLDER_AFTER = Duration.ofSeconds(1);

    /** How a configured app receives Slack's requests. */
    public enum Mode {
        /** Slack posts to {@code /slack/events}; requests are signed with the signing secret. */
        HTTP,
        /** The bot opens a WebSocket to Slack; nothing needs to be reachable from the internet. */
        SOCKET
    }

    public SlackSettings {
        botToken = blankToNull(botToken);
        signingSecret = blankToNull(signingSecret);
        appToken = blankToNull(appToken);
        apiUrl = normalizeUrl(apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip());
        placeholderAfter = placeholderAfter == null ? DEFAULT_PLACEHOLDER_AFTER : placeholderAfter;
        if (placeholderAfter.isNegative()) {
            throw new IllegalArgumentException("SLACK_PLACEHOLDER_AFTER_MS must not be negative");
        }
    }

    /** Reads {@code SLACK_BOT_TOKEN}, {@code SLACK_SIGNING_SECRET}, {@code SLACK_APP_TOKEN}, {@code SLACK_API_URL}. */
    public static SlackSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(Objects.requireNonNull(env, "env == null"), SlackSettings::from);
    }

    public static SlackSettings from(Environment env) {
        return new SlackSettings(env.textOrNull("SLACK_BOT_TOKEN"), env.textOrNull("SLACK_SIGNING_SECRET"),
                env.textOrNull("SLACK_APP_TOKEN"), env.textOrNull("SLACK_API_URL"),
                env.duration("SLACK_PLACEHOLDER_AFTER_MS", DEFAULT_PLACEHOLDER_AFTER, ChronoUnit.MILLIS, 0),
                env.flag("SLACK_MARKDOWN_BLOCK", true), env.flag("SLACK_ASSISTANT", true),
                env.parsed("SLACK_WORKSPACE_LANGUAGE", false, SlackSettings::english, "zh or en"));
    }

    private static boolean english(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "en", "english" -> true;
            case "zh", "chinese", "中文" -> false;
            default -> throw new IllegalArgumentException();
        };
    }

    /** Socket Mode when an app-level token is given, HTTP otherwise. */
    public Mode mode() {
        return appToken != null ? Mode.SOCKET : Mode.HTTP;
    }

    /**
     * Why Slack cannot run with these settings, naming the variable to set (never its value);
     * empty when it can.
     */
    public Optional<String> problem() {
        if (botToken == null) {
            return Optional.of("SLACK_BOT_TOKEN is not set");
        }
        if (appToken != null && !appToken.startsWith("xapp-")) {
            // A bot token pasted into SLACK_APP_TOKEN is the most common Socket Mode mistake.
            return Optional.of("SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope");
        }
        if (appToken == null && signingSecret == null) {
            return Optional.of("SLACK_SIGNING_SECRET is not set (or set SLACK_APP_TOKEN for Socket Mode)");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "SlackSettings[botToken=" + redact(botToken) + ", signingSecret=" + redact(signingSecret) + ", appToken="
                + redact(appToken) + ", apiUrl=" + apiUrl + ", placeholderAfter=" + placeholderAfter + ", markdownBlock=" + markdownBlock + ", assistant=" + assistant + ", english=" + english + "]";
    }

    private static String redact(String secret) {
        return secret == null ? "unset" : "***";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String normalizeUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("SLACK_API_URL must be an http(s) URL, e.g. " + DEFAULT_API_URL);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("SLACK_API_URL must be an http(s) URL, e.g. " + DEFAULT_API_URL, e);
        }
        // The SDK appends method names ("chat.postMessage") directly to the prefix.
        return url.endsWith("/") ? url : url + "/";
    }
}
