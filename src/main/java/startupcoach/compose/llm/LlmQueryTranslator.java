package startupcoach.compose.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.retrieve.Expansion;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.QueryExpander;
import startupcoach.retrieve.TextAnalysis;

/**
 * Bridges a question in another language to the knowledge base's by asking the language model for
 * a translation ({@code prompts/translate-query.md}); meant to run beside the offline glossary
 * ({@link QueryExpander#combine}). Questions already in the knowledge base's language are left alone.
 *
 * <p>The translation's words become one expansion each, all sourced from the whole question. One
 * expansion holding the whole sentence was worse: the abstain rule then looks for the sentence
 * verbatim, never finds it, and abstained on 3 of 13 answerable English dev questions; word by
 * word, Recall@5 on them went from 12/13 (glossary) to 13/13 with no new false abstention on
 * answerable ones.
 *
 * <p>Never fails: when the model is unreachable or replies with something that is not a
 * translation, it logs why and adds nothing, so the glossary alone bridges the question. Successful
 * translations are cached by question. Thread-safe.
 */
public final class LlmQueryTranslator implements QueryExpander {

    private static final Logger log = LoggerFactory.getLogger(LlmQueryTranslator.class);
    private static final int MAX_TERMS = 16;
    private static final int MAX_CHARS = 500;

    private final ChatModel model;
    private final PromptTemplate prompt;
    private final TextAnalysis analysis;
    private final Language target;
    private final Cache<String, List<String>> cache = Caffeine.newBuilder()
            .maximumSize(2_000).expireAfterWrite(Duration.ofHours(24)).build();

    /**
     * @param target the knowledge base's language; questions in it are not translated
     */
    public LlmQueryTranslator(ChatModel model, Prompts prompts, TextAnalysis analysis, Language target) {
        this.model = Objects.requireNonNull(model, "model == null");
        this.prompt = Objects.requireNonNull(prompts, "prompts == null").translateQuery();
        this.analysis = Objects.requireNonNull(analysis, "analysis == null");
        this.target = Objects.requireNonNull(target, "target == null");
    }

    @Override
    public List<Expansion> expand(String question, Language language) {
        if (language == target || question.isBlank()) {
            return List.of();
        }
        List<String> terms = cache.getIfPresent(question);
        if (terms == null) {
            terms = translate(question);
            if (terms.isEmpty()) {
                return List.of();
            }
            cache.put(question, terms);
        }
        return terms.stream().map(t -> new Expansion(question, List.of(t))).toList();
    }

    private List<String> translate(String question) {
        long start = System.nanoTime();
        String reply;
        try {
            reply = model.complete(List.of(ChatMessage.user(prompt.render(Map.of(
                    "question", QuotedData.neutralise(question),
                    "target_language", Prompts.languageName(target))))));
        } catch (LlmException e) {
            log.warn("llm.translate_failed reason={} detail=\"{}\" fallback=glossary", e.reason().id(), e.getMessage());
            return List.of();
        } catch (RuntimeException e) {
            log.warn("llm.translate_failed reason=unexpected fallback=glossary", e);
            return List.of();
        }
        String translation = firstLine(reply);
        if (target == Language.ZH && translation.codePoints().noneMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
            log.warn("llm.translate_unusable reason=no_chinese chars={} fallback=glossary", translation.length());
            return List.of();
        }
        String lower = translation.toLowerCase(Locale.ROOT);
        // Only words that occur as written: stemmed English leftovers ("compani") are found in no passage.
        List<String> terms = analysis.terms(translation).stream().distinct().filter(lower::contains).limit(MAX_TERMS).toList();
        log.info("llm.translated terms={} latencyMs={}", terms.size(), (System.nanoTime() - start) / 1_000_000);
        log.debug("llm.translation text=\"{}\"", translation);
        return terms;
    }

    /** Models like to add quotes, a fence or "Translation:" before the line asked for. */
    private static String firstLine(String reply) {
        for (String line : reply.split("\n")) {
            if (line.strip().startsWith("```")) {
                continue;
            }
            String s = line.strip().replaceAll("^((?i:translation)\\s*[:：]\\s*|[`\"“「])+|[`\"”」]+$", "").strip();
            if (!s.isEmpty()) {
                return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s;
            }
        }
        return "";
    }
}
