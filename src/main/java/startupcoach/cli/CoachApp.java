package startupcoach.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import startupcoach.coach.Coach;
import startupcoach.coach.Command;
import startupcoach.coach.CommandHandler;
import startupcoach.coach.ConcurrencyLimit;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.MeteredDeduplicator;
import startupcoach.coach.Metrics;
import startupcoach.coach.QuestionHandler;
import startupcoach.coach.QuestionLog;
import startupcoach.coach.RateLimiter;
import startupcoach.coach.SourceCommand;
import startupcoach.coach.TopicsCommand;
import startupcoach.compose.Composer;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.HeadingLabels;
import startupcoach.compose.FollowUps;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.config.DigestSettings;
import startupcoach.conversation.ConversationMemory;
import startupcoach.conversation.ConversationalSearch;
import startupcoach.conversation.InMemoryConversationMemory;
import startupcoach.digest.DigestCommand;
import startupcoach.digest.DigestComposer;
import startupcoach.embed.BgeSmallZhEmbedder;
import startupcoach.embed.CachingEmbedder;
import startupcoach.embed.DjlCriteriaEmbedder;
import startupcoach.embed.Embedder;
import startupcoach.embed.LoadProgress;
import startupcoach.knowledge.KnowledgeBase;
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
import startupcoach.store.Storage;

/**
 * The composition root: builds the object graph from a {@link CoachConfig} and {@link Options}
 * with plain constructors. Owns the index, the embedding model and the language-model client and
 * closes them; a {@link Storage} passed in stays its opener's to close.
 */
public final class CoachApp implements AutoCloseable {

    /**
     * Best-passage cosine from which dense retrieval alone judges a question covered. With
     * bge-small-zh on this corpus off-topic questions score about 0.28–0.44 and on-topic ones
     * mostly above 0.45 (short ones lower, hence hybrid's second signal).
     */
    static final double DENSE_MIN_COSINE = 0.45;
    /**
     * In hybrid mode a cosine this high counts as covered even when few words are shared (a
     * paraphrase); below it, lexical coverage must vouch for the question.
     */
    static final double HYBRID_MIN_COSINE = 0.50;

    /**
     * How to open the app.
     *
     * @param mode     which retriever answers (BM25 loads no model)
     * @param composer extractive or LLM, and the optional language model (which, when configured,
     *                 also translates questions for retrieval)
     * @param storage  null for none: no question log, no {@code digest} command (the command line)
     * @param digests  digest defaults (time zone, grace)
     * @param cacheQueries keep the vectors of repeated questions
     * @param limits   per-user and per-conversation rate limits
     * @param metrics  where the core, the dedupe and the composer count what they do
     */
    public record Options(RetrievalMode mode, ComposerSettings composer, Storage storage, DigestSettings digests,
                          boolean cacheQueries, RateLimiter limits, Metrics metrics) {

        /** Hybrid retrieval, extractive composer, no storage, repeated questions cached, no limits, no metrics. */
        public static Options defaults() {
            return new Options(RetrievalMode.HYBRID, ComposerSettings.extractive(), null, DigestSettings.defaults(), true,
                    RateLimiter.UNLIMITED, Metrics.NONE);
        }

        public Options withMode(RetrievalMode newMode) {
            return new Options(newMode, composer, storage, digests, cacheQueries, limits, metrics);
        }

        public Options withComposer(ComposerSettings newComposer) {
            return new Options(mode, newComposer, storage, digests, cacheQueries, limits, metrics);
        }

        public Options withStorage(Storage newStorage, DigestSettings newDigests) {
            return new Options(mode, composer, newStorage, newDigests, cacheQueries, limits, metrics);
        }

        /** Without the query-vector cache: every question is embedded (what a benchmark must time). */
        public Options withoutQueryCache() {
            return new Options(mode, composer, storage, digests, false, limits, metrics);
        }

        /** With per-user and per-conversation limits ({@code serve}). */
        public Options withLimits(RateLimiter newLimits) {
            return new Options(mode, composer, storage, digests, cacheQueries, newLimits, metrics);
        }

        /** Counting requests, dedupe hits and language-model fallbacks ({@code serve}). */
        public Options withMetrics(Metrics newMetrics) {
            return new Options(mode, composer, storage, digests, cacheQueries, limits, newMetrics);
        }
    }

    private final KnowledgeBase knowledge;
    private final PassageIndex index;
    private final Map<RetrievalMode, Retriever> retrievers;
    private final RetrievalMode mode;
    private final Embedder embedder;
    private final LlmWiring llm;
    private final Coach coach;
    private final Composer composer;
    private final DigestComposer digestComposer;
    private final Storage storage;
    private final Deduplicator deduplicator;
    private final Metrics metrics;
    private final ConversationMemory conversations;

    private CoachApp(KnowledgeBase knowledge, PassageIndex index, Map<RetrievalMode, Retriever> retrievers, Options options,
                     Embedder embedder, LlmWiring llm, Coach coach, Composer composer, DigestComposer digestComposer,
                     ConversationMemory conversations) {
        this.conversations = conversations;
        this.knowledge = knowledge;
        this.index = index;
        this.retrievers = retrievers;
        this.mode = options.mode();
        this.embedder = embedder;
        this.llm = llm;
        this.coach = coach;
        this.composer = composer;
        this.digestComposer = digestComposer;
        this.storage = options.storage();
        this.metrics = options.metrics();
        this.deduplicator = new MeteredDeduplicator(storage != null ? storage.deduplicator() : new InMemoryDeduplicator(),
                metrics);
    }

    /** Opens with {@link Options#defaults()}. */
    public static CoachApp open(CoachConfig config, IndexProgress progress) {
        return open(config, Options.defaults(), progress);
    }

    /**
     * Opens the knowledge base, its indexes and, unless the mode is BM25, the embedding model.
     * {@code progress} also hears the model's load steps when it implements {@link LoadProgress}.
     */
    public static CoachApp open(CoachConfig config, Options options, IndexProgress progress) {
        // Prompts first: a broken template fails before minutes of indexing, and leaks no open index.
        LlmWiring llm = LlmWiring.create(options.composer());
        // The model loads (≈1.5 s) on another core while the knowledge base is parsed and indexed.
        CompletableFuture<Embedder> modelLoad = options.mode() == RetrievalMode.BM25 ? null
                : CompletableFuture.supplyAsync(() -> openModel(config, progress));
        KnowledgeBase kb;
        PassageIndex index;
        TextAnalysis analysis = new TextAnalysis();
        try {
            kb = KnowledgeBase.load(config.knowledgeDir());
            index = PassageIndex.openOrBuild(config.indexDir(), kb, analysis, progress);
        } catch (RuntimeException e) {
            if (modelLoad != null) {
                modelLoad.thenAccept(Embedder::close);
            }
            throw e;
        }
        Glossary glossary = Glossary.load(config.knowledgeDir());
        QueryBuilder queries = new QueryBuilder(analysis, llm.expander(glossary, analysis));
        AbstainRule coverage = new AbstainRule(index.passages(), AbstainRule.DEFAULT_MIN_COVERAGE);
        Bm25Retriever bm25 = new Bm25Retriever(index, queries, analysis, coverage);
        Map<RetrievalMode, Retriever> retrievers = new EnumMap<>(RetrievalMode.class);
        retrievers.put(RetrievalMode.BM25, bm25);
        Embedder embedder = null;
        if (options.mode() != RetrievalMode.BM25) {
            Embedder model = awaitModel(modelLoad);
            // Passages go through the disk cache (a warm start embeds none); questions do not, or
            // the cache file would grow with every question ever asked.
            embedder = new CachingEmbedder(model, config.cacheDir());
            VectorIndex vectors = VectorIndex.build(index.passages(), embedder, progress.phase("Embedding"));
            DenseRetriever dense = new DenseRetriever(vectors, model, queries, DENSE_MIN_COSINE,
                    options.cacheQueries() ? 10_000 : 0);
            retrievers.put(RetrievalMode.DENSE, dense);
            retrievers.put(RetrievalMode.HYBRID, new HybridRetriever(bm25, dense, queries, coverage, HYBRID_MIN_COSINE));
        }
        Retriever retriever = retrievers.get(options.mode());
        HeadingLabels labels = new HeadingLabels(glossary);
        FollowUps followUps = new FollowUps(kb, labels);
        Composer answers = llm.composer(new ExtractiveComposer(analysis, followUps, labels), followUps, options.metrics()::llmFallback);
        Storage storage = options.storage();
        QuestionLog questionLog = storage != null ? storage.questionLog() : QuestionLog.NONE;
        // As many answers at once as there are cores: more only slows the acknowledgements down.
        // Shared through the database when there is one (replicas see each other's turns), else this process's.
        ConversationMemory memory = storage != null ? storage.conversations()
                : new InMemoryConversationMemory(ConversationMemory.DEFAULT_MAX_TURNS, ConversationMemory.DEFAULT_TTL,
                        Clock.systemUTC());
        CommandHandler questions = new ConcurrencyLimit(new QuestionHandler(new ConversationalSearch(retriever, kb), memory,
                answers, questionLog, Clock.systemUTC()), Runtime.getRuntime().availableProcessors());
        Coach coach = new Coach(questions, options.limits(),
                options.metrics(), memory)
                .register(new Command(List.of("topics", "主题", "目录"),
                        "topics — what the knowledge base covers", new TopicsCommand(kb)))
                .register(new Command(List.of("source", "出处", "原文"),
                        "source <citation> — the full text of a cited section, e.g. source 5.2 市场风险",
                        new SourceCommand(kb)));
        DigestComposer digestComposer = new DigestComposer(kb, retriever);
        if (storage != null) {
            coach.register(new DigestCommand(storage.digests(), digestComposer, options.digests().defaultZone(),
                    Clock.systemUTC(), options.digests().minInterval()).asCommand());
        }
        return new CoachApp(kb, index, retrievers, options, embedder, llm, coach, answers, digestComposer, memory);
    }

    /**
     * The offline default, or the DJL model a team configured (COACH_EMBEDDING_MODEL_URL). Its
     * vectors are cached under their own model id, so switching models never mixes vectors.
     */
    private static Embedder openModel(CoachConfig config, IndexProgress progress) {
        LoadProgress steps = progress instanceof LoadProgress lp ? lp : LoadProgress.silent();
        if (config.embeddingModelUrl() == null) {
            return new BgeSmallZhEmbedder(config.cacheDir(), steps, config.embedKernels());
        }
        return DjlCriteriaEmbedder.builder(config.embeddingModelUrl(), config.cacheDir())
                .optPoolingMode(config.embeddingPooling()).optKernels(config.embedKernels()).optProgress(steps).build();
    }

    /** The loaded model, or the load's own exception (an {@code EmbeddingException} with a user-safe message). */
    private static Embedder awaitModel(CompletableFuture<Embedder> load) {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public KnowledgeBase knowledge() {
        return knowledge;
    }

    public PassageIndex index() {
        return index;
    }

    /** The retriever of the mode this app was opened with. */
    public Retriever retriever() {
        return retrievers.get(mode);
    }

    /** The retriever of another mode, if this app loaded what it needs (BM25 always). */
    public Optional<Retriever> retriever(RetrievalMode other) {
        return Optional.ofNullable(retrievers.get(other));
    }

    public RetrievalMode mode() {
        return mode;
    }

    /** Problems found while starting that the user should hear about (skipped files, a rebuilt index). */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(knowledge.warnings());
        index.warning().ifPresent(all::add);
        return all;
    }

    public Coach coach() {
        return coach;
    }

    /** Turns what a retriever found into an answer (for the evaluation, which scores answers too). */
    public Composer composer() {
        return composer;
    }

    /** Chooses the passages of a digest. */
    public DigestComposer digestComposer() {
        return digestComposer;
    }

    /** The database, when opened with one. */
    public Optional<Storage> storage() {
        return Optional.ofNullable(storage);
    }

    /** For the chat adapters: shared through the database when there is one, else this process's. */
    public Deduplicator deduplicator() {
        return deduplicator;
    }

    /** Each conversation's recent turns: the chat adapters ask it whether the bot is part of a thread. */
    public ConversationMemory conversations() {
        return conversations;
    }

    /** Where this app counts what it does ({@link Metrics#NONE} unless opened with some). */
    public Metrics metrics() {
        return metrics;
    }

    /** For the chat adapters: the feedback table when there is a database, else the log. */
    public FeedbackLog feedbackLog() {
        return storage != null ? storage.feedbackLog() : FeedbackLog.toLog();
    }

    @Override
    public void close() {
        llm.close();
        if (embedder != null) {
            embedder.close(); // the cache closes the model it wraps
        }
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
