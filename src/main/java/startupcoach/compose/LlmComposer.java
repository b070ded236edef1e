package startupcoach.compose;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.compose.llm.ChatMessage;
import startupcoach.compose.llm.ChatModel;
import startupcoach.compose.llm.LlmException;
import startupcoach.compose.llm.Prompts;
import startupcoach.compose.llm.QuotedData;
import startupcoach.conversation.Turn;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.SearchResult;

/**
 * Lets a language model write the answer from the retrieved passages, numbered [1]…[n] with their
 * citations, and keeps it honest: the answer must cite at least one passage it was given, markers
 * naming passages it was not given are dropped ({@link Citations}), and the cited sections become
 * the answer's citation lines, exactly as the extractive composer cites them.
 *
 * <p>Whenever the model cannot be used, the user still gets an answer: the {@code fallback}
 * composer's quotes, with a short note saying why, and a log line for the operator. When retrieval
 * judged the question not covered, the model is not asked at all: there is nothing to write from.
 *
 * <p>The question goes to the model only as quoted data inside the user message
 * ({@code prompts/answer.md}); the system message is {@code prompts/system.md} verbatim.
 *
 * <p>Validated answers are cached by (question, passage ids). Thread-safe.
 */
public final class LlmComposer implements Composer {

    private static final Logger log = LoggerFactory.getLogger(LlmComposer.class);
    /** The passages shown to the model: the retriever's top hits, as many as the extractive composer sees. */
    static final int MAX_PASSAGES = 5;
    /** Earlier turns sent along: the last few are what a follow-up refers to. */
    static final int MAX_HISTORY_TURNS = 4;

    private final ChatModel model;
    private final Prompts prompts;
    private final Composer fallback;
    private final FollowUps followUps;
    private final FallbackListener fallbacks;
    private final Cache<CacheKey, Citations.Checked> cache = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterWrite(Duration.ofHours(1)).build();

    private record CacheKey(String question, List<String> passageIds) {
    }

    /**
     * @param fallback answers when the model fails or its answer is rejected, and for uncovered
     *                 questions; normally the {@link ExtractiveComposer}
     */
    public LlmComposer(ChatModel model, Prompts prompts, Composer fallback, FollowUps followUps) {
        this(model, prompts, fallback, followUps, FallbackListener.NONE);
    }

    /** @param fallbacks told each time the fallback answers instead of the model */
    public LlmComposer(ChatModel model, Prompts prompts, Composer fallback, FollowUps followUps, FallbackListener fallbacks) {
        this.fallbacks = Objects.requireNonNull(fallbacks, "fallbacks == null");
        this.model = Objects.requireNonNull(model, "model == null");
        this.prompts = Objects.requireNonNull(prompts, "prompts == null");
        this.fallback = Objects.requireNonNull(fallback, "fallback == null");
        this.followUps = Objects.requireNonNull(followUps, "followUps == null");
    }

    @Override
    public Answer compose(SearchResult result) {
        return compose(result, List.of());
    }

    /** The earlier turns go to the model as chat messages before the question, so "and for B2B?" has its context. */
    @Override
    public Answer compose(SearchResult result, List<Turn> history) {
        return compose(result, history, DraftListener.NONE);
    }

    /**
     * Streams the model's answer to {@code drafts} as it is written, then checks it exactly as a
     * complete answer is checked and tells {@code drafts} the {@link DraftListener.Outcome}. A cached
     * answer, or a question not covered, is returned without any delta.
     */
    @Override
    public Answer compose(SearchResult result, List<Turn> history, DraftListener drafts) {
        Objects.requireNonNull(drafts, "drafts == null");
        Query query = result.query();
        Language lang = query.language();
        if (!result.covered() || result.hits().isEmpty()) {
            return fallback.compose(result);
        }
        List<Hit> given = result.hits().subList(0, Math.min(MAX_PASSAGES, result.hits().size()));
        CacheKey key = new CacheKey(history.stream().map(Turn::question).toList() + query.text(),
                given.stream().map(h -> h.passage().id()).toList());
        Citations.Checked checked = cache.getIfPresent(key);
        if (checked == null) {
            long start = System.nanoTime();
            boolean streaming = drafts != DraftListener.NONE;
            List<ChatMessage> messages = messages(query, given, history);
            String reply;
            try {
                reply = streaming ? model.stream(messages, drafts::delta) : model.complete(messages);
            } catch (LlmException e) {
                log.warn("llm.fallback reason={} detail=\"{}\" composer=extractive", e.reason().id(), e.getMessage());
                fallbacks.fellBack(e.reason().id());
                return fellBack(result, Leads.modelUnavailable(lang), drafts);
            } catch (RuntimeException e) {
                log.warn("llm.fallback reason=unexpected composer=extractive", e);
                fallbacks.fellBack("unexpected");
                return fellBack(result, Leads.modelUnavailable(lang), drafts);
            }
            checked = Citations.check(reply, given.size());
            if (!checked.usable()) {
                log.warn("llm.answer_rejected reason={} invalidMarkers={} given={} composer=extractive", checked.problem(),
                        checked.invalid(), given.size());
                log.debug("llm.rejected_text text=\"{}\"", reply);
                fallbacks.fellBack("uncited");
                return fellBack(result, Leads.modelUncited(lang), drafts);
            }
            if (checked.repaired()) {
                log.warn("llm.answer_repaired droppedMarkers={} given={} kept={}", checked.invalid(), given.size(),
                        checked.cited().size());
            }
            log.info("llm.answered cited={} given={} streamed={} latencyMs={}", checked.cited().size(), given.size(), streaming,
                    (System.nanoTime() - start) / 1_000_000);
            cache.put(key, checked);
            drafts.finished(checked.prose().equals(reply.strip()) ? DraftListener.Outcome.ACCEPTED : DraftListener.Outcome.REVISED);
        }
        List<CitedGroup> groups = checked.cited().stream()
                .map(n -> new CitedGroup(given.get(n - 1).passage().section(), List.of()))
                .toList();
        List<Section> sections = groups.stream().map(CitedGroup::section).toList();
        return new Answer(query.text(), lang, true, Leads.composed(lang, groups.size()), groups, List.of(),
                followUps.after(sections, lang), result.hits(), checked.prose(), null);
    }

    /** The fallback's quotes with the note; a stream already shown is told it was replaced. */
    private Answer fellBack(SearchResult result, String note, DraftListener drafts) {
        Answer quotes = fallback.compose(result).withNote(note);
        drafts.finished(DraftListener.Outcome.FELL_BACK);
        return quotes;
    }

    private List<ChatMessage> messages(Query query, List<Hit> given, List<Turn> history) {
        String user = prompts.answer().render(Map.of(
                "count", String.valueOf(given.size()),
                "passages", QuotedData.numberedPassages(given.stream().map(Hit::passage).toList()),
                "question", QuotedData.neutralise(query.text()),
                "language", Prompts.languageName(query.language())));
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(prompts.system().render(Map.of())));
        for (Turn earlier : history.subList(Math.max(0, history.size() - MAX_HISTORY_TURNS), history.size())) {
            messages.add(ChatMessage.user(QuotedData.neutralise(earlier.question())));
            // Only what the knowledge base was searched for is kept, not the answer text: enough
            // for the model to resolve "that" and "the second point" without re-quoting old passages.
            messages.add(ChatMessage.assistant("(answered from the knowledge base on: "
                    + QuotedData.neutralise(earlier.searchedQuery()) + ")"));
        }
        messages.add(ChatMessage.user(user));
        return List.copyOf(messages);
    }
}
