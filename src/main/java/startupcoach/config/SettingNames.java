package startupcoach.config;

import java.util.Set;

/**
 * Every setting the bot reads, by its environment variable's name: what {@link ConfigFile} accepts,
 * so a typo in {@code coach.yaml} ({@code SLACK_BOT_TOKN}) is an error instead of a setting silently
 * ignored. {@code SettingNamesTest} fails the build when a variable read in the code is missing here.
 */
final class SettingNames {

    static final Set<String> ALL = Set.of(
            "COACH_ADMINS",
            "COACH_APOLOGIZE_WITHIN_SECONDS",
            "COACH_CACHE_DIR",
            "COACH_COMPOSER",
            "COACH_CONSOLE_LEVEL",
            "COACH_DATA_DIR",
            "COACH_DIGEST_GRACE_MINUTES",
            "COACH_DIGEST_MIN_INTERVAL_MINUTES",
            "COACH_DIGEST_TICK_SECONDS",
            "COACH_DIGEST_TZ",
            "COACH_DINGTALK_CARD_TEMPLATE",
            "COACH_DINGTALK_REPLY",
            "COACH_EMBEDDING_MODEL_URL",
            "COACH_EMBEDDING_POOLING",
            "COACH_EMBED_KERNELS",
            "COACH_HTTP_IDLE_TIMEOUT_SECONDS",
            "COACH_HTTP_MAX_BODY_BYTES",
            "COACH_HTTP_MAX_CONNECTIONS",
            "COACH_HTTP_MAX_HEADER_BYTES",
            "COACH_HTTP_QUEUE",
            "COACH_HTTP_READ_TIMEOUT_SECONDS",
            "COACH_HTTP_THREADS",
            "COACH_JSON_LEVEL",
            "COACH_KNOWLEDGE_DIR",
            "COACH_LOG_FORMAT",
            "COACH_LOG_LEVEL",
            "COACH_PROMPTS_DIR",
            "COACH_RATE_CHANNEL_PER_MINUTE",
            "COACH_RATE_USER_PER_MINUTE",
            "COACH_RELOAD_POLL_SECONDS",
            "COACH_RELOAD_WATCH",
            "COACH_RESUME_WITHIN_SECONDS",
            "COACH_RETRIEVAL_MODE",
            "COACH_SHUTDOWN_SECONDS",
            "DATABASE_PASSWORD",
            "DATABASE_URL",
            "DATABASE_USER",
            "DINGTALK_API_URL",
            "DINGTALK_APP_KEY",
            "DINGTALK_APP_SECRET",
            "DINGTALK_MAX_MESSAGE_AGE_SECONDS",
            "DINGTALK_MODE",
            "DINGTALK_ROBOT_CODE",
            "LLM_API_KEY",
            "LLM_BASE_URL",
            "LLM_CONNECT_TIMEOUT_MS",
            "LLM_MAX_RETRY_WAIT_MS",
            "LLM_MODEL",
            "LLM_READ_TIMEOUT_MS",
            "LLM_TRANSLATE_QUERIES",
            "PORT",
            "SLACK_API_URL",
            "SLACK_APP_TOKEN",
            "SLACK_ASSISTANT",
            "SLACK_BOT_TOKEN",
            "SLACK_MARKDOWN_BLOCK",
            "SLACK_PLACEHOLDER_AFTER_MS",
            "SLACK_SIGNING_SECRET",
            "SLACK_WORKSPACE_LANGUAGE");

    private SettingNames() {
    }
}
