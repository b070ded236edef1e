package startupcoach.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where the optional language model is and how long to wait for it. Off (every field but the
 * timeouts null) unless {@code LLM_BASE_URL} is set; nothing is sent anywhere while it is off.
 *
 * @param baseUrl          the OpenAI-compatible server, e.g. {@code http://localhost:11434}, without
 *                         {@code /v1}; null when the LLM is off
 * @param apiKey           sent as {@code Authorization: Bearer …}; null for servers without keys.
 *                         Never logged: {@link #toString()} redacts it
 * @param model            the model name the server expects; null when the LLM is off
 * @param connectTimeout   TCP connect timeout
 * @param readTimeout      longest silence while waiting for the answer (bounds the generation time,
 *                         since answers are not streamed)
 * @param maxRetryWait     longest {@code Retry-After} honoured on HTTP 429; a longer one falls back at once
 * @param translateQueries whether questions not in the knowledge base's language are translated for
 *                         retrieval (sends the question to the server even with the extractive composer)
 */
public record LlmSettings(String baseUrl, String apiKey, String model, Duration connectTimeout, Duration readTimeout,
                          Duration maxRetryWait, boolean translateQueries) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(10);

    public LlmSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        Objects.requireNonNull(readTimeout, "readTimeout == null");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait == null");
        if (baseUrl != null && model == null) {
            throw new IllegalArgumentException("LLM_MODEL is not set; it names the model to use with LLM_BASE_URL"
                    + " (e.g. gpt-4o-mini, or llama3.1 on Ollama)");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("LLM timeouts must be positive");
        }
    }

    /** No language model: the default. */
    public static LlmSettings off() {
        return new LlmSettings(null, null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_RETRY_WAIT, false);
    }

    /**
     * Reads {@code LLM_BASE_URL}, {@code LLM_API_KEY}, {@code LLM_MODEL}, {@code LLM_CONNECT_TIMEOUT_MS}
     * (default 5000), {@code LLM_READ_TIMEOUT_MS} (default 30000), {@code LLM_MAX_RETRY_WAIT_MS}
     * (default 10000) and {@code LLM_TRANSLATE_QUERIES} (default true). A trailing {@code /v1} on the
     * base URL is accepted, since that is how most servers document theirs.
     *
     * @throws IllegalArgumentException naming the variable when a value is malformed, or when
     *                                  {@code LLM_BASE_URL} is set without {@code LLM_MODEL}
     */
    public static LlmSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(Objects.requireNonNull(env, "env == null"), LlmSettings::from);
    }

    public static LlmSettings from(Environment env) {
        String base = env.textOrNull("LLM_BASE_URL");
        Duration connect = env.duration("LLM_CONNECT_TIMEOUT_MS", DEFAULT_CONNECT_TIMEOUT, ChronoUnit.MILLIS, 1);
        Duration read = env.duration("LLM_READ_TIMEOUT_MS", DEFAULT_READ_TIMEOUT, ChronoUnit.MILLIS, 1);
        Duration retryWait = env.duration("LLM_MAX_RETRY_WAIT_MS", DEFAULT_MAX_RETRY_WAIT, ChronoUnit.MILLIS, 1);
        if (base == null) {
            return new LlmSettings(null, null, null, connect, read, retryWait, false);
        }
        String url = normaliseBaseUrl(base);
        if (url == null) {
            // The value is not echoed: it may carry credentials.
            env.problem("LLM_BASE_URL must be an http(s) URL such as http://localhost:11434");
            return new LlmSettings(null, null, null, connect, read, retryWait, false);
        }
        return new LlmSettings(url, env.textOrNull("LLM_API_KEY"), env.textOrNull("LLM_MODEL"),
                connect, read, retryWait, env.flag("LLM_TRANSLATE_QUERIES", true));
    }

    /** Whether a language model is configured. */
    public boolean enabled() {
        return baseUrl != null;
    }

    /** Redacts the API key (and any user:password in the URL): this string ends up in logs. */
    @Override
    public String toString() {
        if (!enabled()) {
            return "LlmSettings[off]";
        }
        return "LlmSettings[baseUrl=" + withoutUserInfo(baseUrl) + ", model=" + model + ", apiKey="
                + (apiKey == null ? "(none)" : "(redacted)") + ", connectTimeout=" + connectTimeout.toMillis()
                + "ms, readTimeout=" + readTimeout.toMillis() + "ms, maxRetryWait=" + maxRetryWait.toMillis()
                + "ms, translateQueries=" + translateQueries + "]";
    }

    /** The base URL without trailing slashes and {@code /v1}; null when it is not an http(s) URL. */
    private static String normaliseBaseUrl(String value) {
        String url = value.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - 3);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return null;
            }
        } catch (URISyntaxException e) {
            return null;
        }
        return url;
    }

    private static String withoutUserInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@');
        int slash = url.indexOf('/', scheme + 3);
        if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
            return url;
        }
        return url.substring(0, scheme + 3) + "(redacted)@" + url.substring(at + 1);
    }
}
