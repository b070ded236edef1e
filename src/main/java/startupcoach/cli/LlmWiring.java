package startupcoach.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.compose.Composer;
import startupcoach.compose.FollowUps;
import startupcoach.compose.FallbackListener;
import startupcoach.compose.LlmComposer;
import startupcoach.compose.llm.LlmQueryTranslator;
import startupcoach.compose.llm.OpenAiChatClient;
import startupcoach.compose.llm.Prompts;
import startupcoach.config.ComposerKind;
import startupcoach.config.ComposerSettings;
import startupcoach.config.LlmSettings;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.QueryExpander;
import startupcoach.retrieve.TextAnalysis;

/**
 * The optional language model's part of the object graph, kept out of {@link CoachApp} so that
 * with no model configured nothing here is built: no client, no prompts, no translator.
 */
final class LlmWiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LlmWiring.class);
    /** The shipped knowledge base is Chinese; questions in other languages are translated into it. */
    private static final Language KNOWLEDGE_LANGUAGE = Language.ZH;

    private final ComposerSettings settings;
    private final Prompts prompts;
    private final OpenAiChatClient client;

    private LlmWiring(ComposerSettings settings, Prompts prompts, OpenAiChatClient client) {
        this.settings = settings;
        this.prompts = prompts;
        this.client = client;
    }

    /** Loads and checks the prompts and builds the client when a model is configured (or prompts are given). */
    static LlmWiring create(ComposerSettings settings) {
        LlmSettings llm = settings.llm();
        Prompts prompts = llm.enabled() || settings.promptsDir() != null ? Prompts.load(settings.promptsDir()) : null;
        OpenAiChatClient client = null;
        if (llm.enabled()) {
            client = OpenAiChatClient.builder(llm.baseUrl(), llm.model())
                    .optApiKey(llm.apiKey())
                    .optConnectTimeout(llm.connectTimeout())
                    .optReadTimeout(llm.readTimeout())
                    .optMaxRetryWait(llm.maxRetryWait())
                    .build();
        }
        log.info("composer.configured kind={} llm={}", settings.kind().id(), llm);
        return new LlmWiring(settings, prompts, client);
    }

    /** The glossary, plus the model's translation of questions when a model is configured and allowed to. */
    QueryExpander expander(QueryExpander glossary, TextAnalysis analysis) {
        if (client == null || !settings.llm().translateQueries()) {
            return glossary;
        }
        return QueryExpander.combine(glossary, new LlmQueryTranslator(client, prompts, analysis, KNOWLEDGE_LANGUAGE));
    }

    /** The extractive composer, or the LLM composer falling back to it. */
    Composer composer(Composer extractive, FollowUps followUps, FallbackListener fallbacks) {
        return settings.kind() == ComposerKind.LLM ? new LlmComposer(client, prompts, extractive, followUps, fallbacks) : extractive;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
