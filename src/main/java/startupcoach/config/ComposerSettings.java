package startupcoach.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How answers are composed: which composer, the prompt templates and the language model.
 *
 * @param kind       the composer; {@link ComposerKind#LLM} requires {@code llm.enabled()}
 * @param promptsDir a directory whose templates override the packaged ones; null for the packaged ones
 * @param llm        the language model settings (off by default)
 */
public record ComposerSettings(ComposerKind kind, Path promptsDir, LlmSettings llm) {

    public ComposerSettings {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(llm, "llm == null");
        if (kind == ComposerKind.LLM && !llm.enabled()) {
            throw new IllegalArgumentException("the llm composer needs LLM_BASE_URL (an OpenAI-compatible server such as"
                    + " http://localhost:11434) and LLM_MODEL; LLM_BASE_URL is not set");
        }
    }

    /** The extractive composer without a language model: what the bot does with no configuration. */
    public static ComposerSettings extractive() {
        return new ComposerSettings(ComposerKind.EXTRACTIVE, null, LlmSettings.off());
    }

    /**
     * Environment first ({@code COACH_COMPOSER}, {@code COACH_PROMPTS_DIR} and the {@code LLM_*}
     * variables of {@link LlmSettings#fromEnvironment}), then the explicit options, which win when
     * given (non-null).
     *
     * @throws IllegalArgumentException naming the option or variable that is wrong
     */
    public static ComposerSettings load(Map<String, String> env, String composerOption, Path promptsOption) {
        return Environment.read(env, e -> from(e, composerOption, promptsOption));
    }

    /** {@link #load} through a shared reader, which collects the problems. */
    public static ComposerSettings from(Environment env, String composerOption, Path promptsOption) {
        ComposerKind kind = composerOption != null && !composerOption.isBlank() ? ComposerKind.parse(composerOption)
                : env.parsed("COACH_COMPOSER", ComposerKind.EXTRACTIVE, ComposerKind::parse, "extractive or llm");
        Path prompts = promptsOption != null ? promptsOption : env.text("COACH_PROMPTS_DIR").map(Path::of).orElse(null);
        return new ComposerSettings(kind, prompts, LlmSettings.from(env));
    }
}
