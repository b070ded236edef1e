package startupcoach.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import startupcoach.coach.Admins;
import startupcoach.coach.Coach;
import startupcoach.coach.CommandHandler;
import startupcoach.coach.ConcurrencyLimit;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.KnowledgeReloader;
import startupcoach.coach.LiveKnowledge;
import startupcoach.coach.MeteredDeduplicator;
import startupcoach.coach.Metrics;
import startupcoach.coach.QuestionLog;
import startupcoach.coach.RateLimiter;
import startupcoach.coach.ReloadCommand;
import startupcoach.coach.SourceCommand;
import startupcoach.coach.TopicsCommand;
import startupcoach.compose.Composer;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.config.DigestSettings;
import startupcoach.conversation.ConversationMemory;
import startupcoach.conversation.InMemoryConversationMemory;
import startupcoach.digest.DigestCommand;
import startupcoach.digest.DigestComposer;
import startupcoach.digest.WebhookPlatforms;
import startupcoach.embed.BgeSmallZhEmbedder;
import startupcoach.embed.CachingEmbedder;
import startupcoach.embed.DjlCriteriaEmbedder;
import startupcoach.embed.Embedder;
import startupcoach.embed.LoadProgress;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.KnowledgeFiles;
import startupcoach.knowledge.KnowledgeWatcher;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.RetrievalMode;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.TextAnalysis;
import startupcoach.store.Storage;

/**
 * The composition root: builds the object graph from a {@link CoachConfig} and {@link Options}
 * with plain constructors. Owns the index, the embedding model and the language-model client and
 * closes them; a {@link Storage} passed in stays its opener's to close.
 *
 * <p>The knowledge base, its index and everything built from them form one {@link IndexedKnowledge}
 * generation in a {@link LiveKnowledge}; {@code reload} (and, under {@code serve}, the knowledge
 * watcher) builds the next one in the background and swaps it in, while answers already running
 * finish on the one they started with.
 */
public final class CoachApp implements AutoCloseable {

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
     * @param admins   who may send {@code reload} (the terminal user always may)
     */
    public record Options(RetrievalMode mode, ComposerSettings composer, Storage storage, DigestSettings digests,
                          boolean cacheQueries, RateLimiter limits, Metrics metrics, Admins admins) {

        /** Hybrid retrieval, extractive composer, no storage, repeated questions cached, no limits, no metrics, no admins. */
        public static Options defaults() {
            return new Options(RetrievalMode.HYBRID, ComposerSettings.extractive(), null, DigestSettings.defaults(), true,
                    RateLimiter.UNLIMITED, Metrics.NONE, Admins.none());
        }

        public Options(RetrievalMode mode, ComposerSettings composer, Storage storage, DigestSettings digests,
                       boolean cacheQueries, RateLimiter limits, Metrics metrics) {
            this(mode, composer, storage, digests, cacheQueries, limits, metrics, Admins.none());
        }

        /** Who may send {@code reload} from a chat platform ({@code serve}). */
        public Options withAdmins(Admins newAdmins) {
            return new Options(mode, composer, storage, digests, cacheQueries, limits, metrics, newAdmins);
        }

        public Options withMode(RetrievalMode newMode) {
            return new Options(newMode, composer, storage, digests, cacheQueries, limits, metrics, admins);
        }

        public Options withComposer(ComposerSettings newComposer) {
            return new Options(mode, newComposer, storage, digests, cacheQueries, limits, metrics, admins);
        }

        public Options withStorage(Storage newStorage, DigestSettings newDigests) {
            return new Options(mode, composer, newStorage, newDigests, cacheQueries, limits, metrics, admins);
        }

        /** Without the query-vector cache: every question is embedded (what a benchmark must time). */
        public Options withoutQueryCache() {
            return new Options(mode, composer, storage, digests, false, limits, metrics, admins);
        }

        /** With per-user and per-conversation limits ({@code serve}). */
        public Options withLimits(RateLimiter newLimits) {
            return new Options(mode, composer, storage, digests, cacheQueries, newLimits, metrics, admins);
        }

        /** Counting requests, dedupe hits and language-model fallbacks ({@code serve}). */
        public Options withMetrics(Metrics newMetrics) {
            return new Options(mode, composer, storage, digests, cacheQueries, limits, newMetrics, admins);
        }
    }

    private final CoachConfig config;
    private final LiveKnowledge<IndexedKnowledge> live;
    private final KnowledgeReloader<IndexedKnowledge> reloader;
    private final KnowledgeBuild build;
    private final RetrievalMode mode;
    private final Embedder embedder;
    private final LlmWiring llm;
    private final Coach coach;
    private final DigestComposer digestComposer;
    private final WebhookPlatforms webhookPlatforms;
    private final Storage storage;
    private final Deduplicator deduplicator;
    private final Metrics metrics;
    private final ConversationMemory conversations;
    private KnowledgeWatcher watcher; // guarded by this

    private CoachApp(CoachConfig config, LiveKnowledge<IndexedKnowledge> live, KnowledgeReloader<IndexedKnowledge> reloader,
                     KnowledgeBuild build, Options options, Embedder embedder, LlmWiring llm, Coach coach, DigestComposer digestComposer,
                     WebhookPlatforms webhookPlatforms, ConversationMemory conversations) {
        this.config = config;
        this.live = live;
        this.reloader = reloader;
        this.build = build;
        this.conversations = conversations;
        this.mode = options.mode();
        this.embedder = embedder;
        this.llm = llm;
        this.coach = coach;
        this.digestComposer = digestComposer;
        this.webhookPlatforms = webhookPlatforms;
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
        return open(config, options, progress, () -> openModel(config, progress));
    }

    /** With another embedding model (tests: a fake that needs no natives). */
    static CoachApp open(CoachConfig config, Options options, IndexProgress progress, Supplier<Embedder> models) {
        // Prompts first: a broken template fails before minutes of indexing, and leaks no open index.
        LlmWiring llm = LlmWiring.create(options.composer());
        // The model loads (≈1.5 s) on another core while the knowledge base is parsed and indexed.
        CompletableFuture<Embedder> modelLoad = options.mode() == RetrievalMode.BM25 ? null
                : CompletableFuture.supplyAsync(models);
        // Before reading the files: a change made while they are read is then still noticed.
        String fingerprint = KnowledgeFiles.fingerprint(config.knowledgeDir());
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
        Embedder model = null;
        Embedder embedder = null;
        if (modelLoad != null) {
            model = awaitModel(modelLoad);
            // Passages go through the disk cache (a warm start, or a reload, embeds only new ones);
            // questions do not, or the cache file would grow with every question ever asked.
            embedder = new CachingEmbedder(model, config.cacheDir());
        }
        Storage storage = options.storage();
        QuestionLog questionLog = storage != null ? storage.questionLog() : QuestionLog.NONE;
        // Shared through the database when there is one (replicas see each other's turns), else this process's.
        ConversationMemory memory = storage != null ? storage.conversations()
                : new InMemoryConversationMemory(ConversationMemory.DEFAULT_MAX_TURNS, ConversationMemory.DEFAULT_TTL,
                        Clock.systemUTC());
        KnowledgeBuild build = new KnowledgeBuild(options, config.knowledgeDir(), config.dataDir(), llm, analysis, model,
                embedder, memory, questionLog);
        LiveKnowledge<IndexedKnowledge> live = new LiveKnowledge<>(build.initial(kb, index, fingerprint, progress));
        KnowledgeReloader<IndexedKnowledge> reloader = new KnowledgeReloader<>(live, config.knowledgeDir(), build::reload);
        // Each command that reads the knowledge base holds the generation it started with to its end.
        // As many answers at once as there are cores: more only slows the acknowledgements down.
        CommandHandler questions = new ConcurrencyLimit((CommandHandler.Drafting) (m, a, d) -> live.apply(k -> k.questions().handle(m, a, d)),
                Runtime.getRuntime().availableProcessors());
        Coach coach = new Coach(questions, options.limits(),
                options.metrics(), memory)
                .register(TopicsCommand.command((m, a) -> live.apply(k -> k.topics().handle(m, a))))
                .register(SourceCommand.command((m, a) -> live.apply(k -> k.source().handle(m, a))))
                .register(new ReloadCommand(reloader, options.admins()).asCommand());
        DigestComposer digestComposer = new DigestComposer(() -> live.current().kb(), liveRetriever(live, options.mode()));
        WebhookPlatforms webhookPlatforms = new WebhookPlatforms();
        if (storage != null) {
            coach.register(new DigestCommand(storage.digests(), digestComposer, options.digests().defaultZone(),
                    Clock.systemUTC(), options.digests().minInterval(), webhookPlatforms).asCommand());
        }
        return new CoachApp(config, live, reloader, build, options, embedder, llm, coach, digestComposer, webhookPlatforms,
                memory);
    }

    /** A retriever that searches whichever generation is current when each search starts. */
    private static Retriever liveRetriever(LiveKnowledge<IndexedKnowledge> live, RetrievalMode mode) {
        return (question, k) -> live.apply(g -> g.retrievers().get(mode).search(question, k));
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

    /** The knowledge base in service now (a reload replaces it). */
    public KnowledgeBase knowledge() {
        return live.current().kb();
    }

    /** The index in service now; its passage list stays readable after a reload retires it. */
    public PassageIndex index() {
        return live.current().index();
    }

    /** The retriever of the mode this app was opened with, searching the generation current at each search. */
    public Retriever retriever() {
        return liveRetriever(live, mode);
    }

    /** The retriever of another mode, if this app loaded what it needs (BM25 always). */
    public Optional<Retriever> retriever(RetrievalMode other) {
        return live.current().retrievers().containsKey(other) ? Optional.of(liveRetriever(live, other)) : Optional.empty();
    }

    public RetrievalMode mode() {
        return mode;
    }

    /** Problems found while starting that the user should hear about (skipped files, a rebuilt index). */
    public List<String> warnings() {
        IndexedKnowledge now = live.current();
        List<String> all = new ArrayList<>(now.kb().warnings());
        now.index().warning().ifPresent(all::add);
        return all;
    }

    /**
     * Deletes the reload indexes a previous {@code serve} left behind when it was killed ({@code serve}
     * only: a one-off {@code ask} beside a running server must not delete the index it serves from).
     */
    public void clearReloadLeftovers() {
        build.clearLeftovers();
    }

    /** Re-indexes the knowledge directory in the background; the {@code reload} command and the watcher use it. */
    public KnowledgeReloader<?> reloader() {
        return reloader;
    }

    /**
     * Re-indexes by itself when the knowledge files change ({@code serve}): file-system events,
     * debounced, plus a content check every {@code poll} (zero: events only). Idempotent.
     */
    public synchronized void watchKnowledge(Duration debounce, Duration poll) {
        if (watcher == null) {
            watcher = new KnowledgeWatcher(config.knowledgeDir(), live.current().fingerprint(), debounce, poll,
                    reloader::request).start();
        }
    }

    public Coach coach() {
        return coach;
    }

    /** Turns what a retriever found into an answer (for the evaluation, which scores answers too). */
    public Composer composer() {
        return live.current().composer();
    }

    /** Chooses the passages of a digest. */
    public DigestComposer digestComposer() {
        return digestComposer;
    }

    /** Where the digest sinks that post through conversation webhooks say so ({@code serve} registers them). */
    public WebhookPlatforms webhookPlatforms() {
        return webhookPlatforms;
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
        synchronized (this) {
            if (watcher != null) {
                watcher.close();
            }
        }
        reloader.close();
        // The index closes once the answers still running finish; the model after it is closed here,
        // which is why shutdown lets accepted answers finish first.
        live.close();
        llm.close();
        if (embedder != null) {
            embedder.close(); // the cache closes the model it wraps
        }
    }
}
