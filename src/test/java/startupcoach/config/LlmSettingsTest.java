package startupcoach.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {

    @Test
    void offWhenNoBaseUrlIsSet() {
        LlmSettings s = LlmSettings.fromEnvironment(Map.of("LLM_MODEL", "gpt-4o-mini", "LLM_API_KEY", "sk-x"));
        assertThat(s.enabled()).isFalse();
        assertThat(s.apiKey()).isNull();
        assertThat(s.translateQueries()).isFalse();
        assertThat(s).hasToString("LlmSettings[off]");
    }

    @Test
    void readsTheEndpointWithDefaultsAndAcceptsATrailingV1() {
        LlmSettings s = LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", "http://localhost:11434/v1/", "LLM_MODEL", "llama3.1"));
        assertThat(s.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(s.apiKey()).isNull();
        assertThat(s.connectTimeout()).isEqualTo(LlmSettings.DEFAULT_CONNECT_TIMEOUT);
        assertThat(s.readTimeout()).isEqualTo(LlmSettings.DEFAULT_READ_TIMEOUT);
        assertThat(s.maxRetryWait()).isEqualTo(LlmSettings.DEFAULT_MAX_RETRY_WAIT);
        assertThat(s.translateQueries()).isTrue();
    }

    @Test
    void timeoutsAndTranslationAreConfigurable() {
        LlmSettings s = LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", "https://api.example.com", "LLM_MODEL", "m",
                "LLM_CONNECT_TIMEOUT_MS", "1500", "LLM_READ_TIMEOUT_MS", "20000", "LLM_MAX_RETRY_WAIT_MS", "3000",
                "LLM_TRANSLATE_QUERIES", "false"));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.maxRetryWait()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.translateQueries()).isFalse();
    }

    @Test
    void malformedValuesNameTheirVariable() {
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("LLM_READ_TIMEOUT_MS", "30s")))
                .hasMessageContaining("LLM_READ_TIMEOUT_MS=30s is not valid; use a whole number of milliseconds ≥ 1");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", "localhost:11434", "LLM_MODEL", "m")))
                .hasMessageContaining("LLM_BASE_URL must be an http(s) URL");
        assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", "http://localhost:11434")))
                .hasMessageContaining("LLM_MODEL is not set");
    }

    @Test
    void toStringRedactsTheKeyAndUrlCredentials() {
        LlmSettings s = LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", "https://bob:hunter2@llm.example.com/api",
                "LLM_MODEL", "m", "LLM_API_KEY", "sk-live-abcdef"));
        assertThat(s.toString()).doesNotContain("sk-live-abcdef").doesNotContain("hunter2")
                .contains("apiKey=(redacted)", "https://(redacted)@llm.example.com/api", "model=m");
    }

    @Test
    void composerDefaultsToExtractiveAndLlmNeedsTheBaseUrl() {
        ComposerSettings none = ComposerSettings.load(Map.of(), null, null);
        assertThat(none.kind()).isEqualTo(ComposerKind.EXTRACTIVE);
        assertThat(none.llm().enabled()).isFalse();
        assertThat(none.promptsDir()).isNull();

        assertThatThrownBy(() -> ComposerSettings.load(Map.of(), "llm", null)).hasMessageContaining("LLM_BASE_URL is not set");
        assertThatThrownBy(() -> ComposerSettings.load(Map.of("COACH_COMPOSER", "LLM"), null, null)).hasMessageContaining("LLM_BASE_URL");
        assertThatThrownBy(() -> ComposerSettings.load(Map.of(), "gpt", null))
                .hasMessageContaining("unknown composer \"gpt\"; valid: extractive, llm");

        Map<String, String> env = Map.of("COACH_COMPOSER", "llm", "LLM_BASE_URL", "http://h:1", "LLM_MODEL", "m",
                "COACH_PROMPTS_DIR", "/etc/coach/prompts");
        assertThat(ComposerSettings.load(env, null, null).kind()).isEqualTo(ComposerKind.LLM);
        assertThat(ComposerSettings.load(env, null, null).promptsDir()).isEqualTo(Path.of("/etc/coach/prompts"));
        assertThat(ComposerSettings.load(env, "extractive", Path.of("p")).kind()).isEqualTo(ComposerKind.EXTRACTIVE);
        assertThat(ComposerSettings.load(env, "extractive", Path.of("p")).promptsDir()).isEqualTo(Path.of("p"));
    }
}
