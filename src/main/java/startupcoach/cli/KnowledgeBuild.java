package startupcoach.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import startupcoach.coach.QuestionHandler;
import startupcoach.coach.QuestionLog;
import startupcoach.coach.SourceCommand;
import startupcoach.coach.TopicsCommand;
import startupcoach.compose.Composer;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.compose.HeadingLabels;
import startupcoach.conversation.ConversationMemory;
import startupcoach.conversation.ConversationalSearch;
import startupcoach.embed.Embedder;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.KnowledgeFiles;
import startupcoach.retrieve.AbstainRule;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.DenseRetriever;
import startupcoach.retrieve.Glossary;
import startupcoach.retrieve.HybridRetriever;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.RetrievalMode;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.TextAnalysis;
import startupcoach.retrieve.VectorIndex;

/**
 * Builds {@link IndexedKnowledge}: what start-up does once and a reload does again. Everything that
 * does not depend on the files is built once and shared by every generation: the model, the vector
 * cache (so a reload embeds only passages it has not seen), the language-model client, the
 * conversation memory and the question log.
 *
 * <p>A reload reads strictly (a broken file fails the reload instead of dropping a document) and
 * indexes into a directory of its own under {@code <data>/index-reloads}, because the generation
 * serving answers still reads the current one. The start-up index directory stays as it is; the
 * next start finds it stale and rebuilds it (the vectors come from the cache).
 */
final class KnowledgeBuild {

    private final CoachApp.Options options;
    private final Path knowledgeDir;
    private final Path reloadsDir;
    private final LlmWiring llm;
    private final TextAnalysis analysis;
    private final Embedder model;
    private final Embedder passageEmbedder;
    private final ConversationMemory memory;
    private final QuestionLog questionLog;
    private final AtomicInteger reloads = new AtomicInteger();

    /**
     * @param model           embeds questions; null in BM25 mode
     * @param passageEmbedder the model behind the disk cache; null in BM25 mode
     */
    KnowledgeBuild(CoachApp.Options options, Path knowledgeDir, Path dataDir, LlmWiring llm, TextAnalysis analysis,
                   Embedder model, Embedder passageEmbedder, ConversationMemory memory, QuestionLog questionLog) {
        this.options = Objects.requireNonNull(options, "options == null");
        this.knowledgeDir = Objects.requireNonNull(knowledgeDir, "knowledgeDir == null");
        this.reloadsDir = dataDir.resolve("index-reloads");
        this.llm = Objects.requireNonNull(llm, "llm == null");
        this.analysis = Objects.requireNonNull(analysis, "analysis == null");
        this.model = model;
        this.passageEmbedder = passageEmbedder;
        this.memory = Objects.requireNonNull(memory, "memory == null");
        this.questionLog = Objects.requireNonNull(questionLog, "questionLog == null");
    }

    /** Clears reload directories a previous process left behind (it was killed before closing them). */
    void clearLeftovers() {
        IndexedKnowledge.deleteTree(reloadsDir);
    }

    /** The start-up generation, from a knowledge base and index already opened (leniently) in parallel with the model. */
    IndexedKnowledge initial(KnowledgeBase kb, PassageIndex index, String fingerprint, IndexProgress progress) {
        return complete(kb, Glossary.load(knowledgeDir), index, fingerprint, null, progress);
    }

    /**
     * A new generation from the files as they are now.
     *
     * @throws startupcoach.knowledge.BrokenFileException for a broken document or glossary line
     */
    IndexedKnowledge reload() {
        String fingerprint = KnowledgeFiles.fingerprint(knowledgeDir);
        KnowledgeBase kb = KnowledgeBase.loadStrict(knowledgeDir);
        Glossary glossary = Glossary.loadStrict(knowledgeDir);
        Path dir = reloadsDir.resolve("gen-" + reloads.incrementAndGet() + "-" + System.currentTimeMillis());
        PassageIndex index = PassageIndex.openOrBuild(dir, kb, analysis, IndexProgress.SILENT);
        try {
            return complete(kb, glossary, index, fingerprint, dir, IndexProgress.SILENT);
        } catch (RuntimeException e) {
            // Embedding failed half-way: this generation never serves, so its index goes at once.
            try {
                index.close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            IndexedKnowledge.deleteTree(dir);
            throw e;
        }
    }

    private IndexedKnowledge complete(KnowledgeBase kb, Glossary glossary, PassageIndex index, String fingerprint, Path ownedDir,
                                      IndexProgress progress) {
        QueryBuilder queries = new QueryBuilder(analysis, llm.expander(glossary, analysis));
        AbstainRule coverage = new AbstainRule(index.passages(), AbstainRule.DEFAULT_MIN_COVERAGE);
        Bm25Retriever bm25 = new Bm25Retriever(index, queries, analysis, coverage);
        Map<RetrievalMode, Retriever> retrievers = new EnumMap<>(RetrievalMode.class);
        retrievers.put(RetrievalMode.BM25, bm25);
        if (model != null) {
            VectorIndex vectors = VectorIndex.build(index.passages(), passageEmbedder, progress.phase("Embedding"));
            DenseRetriever dense = new DenseRetriever(vectors, model, queries, DenseRetriever.DEFAULT_MIN_COSINE,
                    options.cacheQueries() ? 10_000 : 0);
            retrievers.put(RetrievalMode.DENSE, dense);
            retrievers.put(RetrievalMode.HYBRID, new HybridRetriever(bm25, dense, queries, coverage, HybridRetriever.DEFAULT_MIN_COSINE));
        }
        Retriever retriever = retrievers.get(options.mode());
        HeadingLabels labels = new HeadingLabels(glossary);
        FollowUps followUps = new FollowUps(kb, labels);
        Composer answers = llm.composer(new ExtractiveComposer(analysis, followUps, labels), followUps,
                options.metrics()::llmFallback);
        QuestionHandler questions = new QuestionHandler(new ConversationalSearch(retriever, kb), memory, answers, questionLog,
                Clock.systemUTC());
        return new IndexedKnowledge(kb, index, retrievers, answers, questions, new TopicsCommand(kb), new SourceCommand(kb),
                KnowledgeFiles.list(knowledgeDir).size(), fingerprint, ownedDir);
    }
}
