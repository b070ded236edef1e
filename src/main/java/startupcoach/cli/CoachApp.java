package startupcoach.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import startupcoach.coach.Coach;
import startupcoach.coach.Command;
import startupcoach.coach.QuestionHandler;
import startupcoach.coach.SourceCommand;
import startupcoach.coach.TopicsCommand;
import startupcoach.compose.Composer;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.embed.BgeSmallZhEmbedder;
import startupcoach.embed.CachingEmbedder;
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

/**
 * The composition root: builds the object graph from a {@link CoachConfig} with plain
 * constructors. Owns the index and the embedding model and closes them.
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

    private final KnowledgeBase knowledge;
    private final PassageIndex index;
    private final Map<RetrievalMode, Retriever> retrievers;
    private final RetrievalMode mode;
    private final Embedder embedder;
    private final Coach coach;
    private final LlmWiring llm;

    private CoachApp(KnowledgeBase knowledge, PassageIndex index, Map<RetrievalMode, Retriever> retrievers,
                     RetrievalMode mode, Embedder embedder, Coach coach, LlmWiring llm) {
        this.knowledge = knowledge;
        this.index = index;
        this.retrievers = retrievers;
        this.mode = mode;
        this.embedder = embedder;
        this.coach = coach;
        this.llm = llm;
    }

    /** Opens with the defaults: hybrid retrieval, extractive composer. */
    public static CoachApp open(CoachConfig config, IndexProgress progress) {
        return open(config, RetrievalMode.HYBRID, ComposerSettings.extractive(), progress);
    }

    /** Opens with hybrid retrieval and the given composer. */
    public static CoachApp open(CoachConfig config, ComposerSettings composer, IndexProgress progress) {
        return open(config, RetrievalMode.HYBRID, composer, progress);
    }

    /**
     * Opens the knowledge base, its indexes and, unless {@code mode} is BM25, the embedding model.
     * {@code progress} also hears the model's load steps when it implements {@link LoadProgress}.
     *
     * @param composer which composer answers, and the optional language model (which, when
     *                 configured, also translates questions for retrieval)
     */
    public static CoachApp open(CoachConfig config, RetrievalMode mode, ComposerSettings composer, IndexProgress progress) {
        // Prompts first: a broken template fails before minutes of indexing, and leaks no open index.
        LlmWiring llm = LlmWiring.create(composer);
        KnowledgeBase kb = KnowledgeBase.load(config.knowledgeDir());
        TextAnalysis analysis = new TextAnalysis();
        PassageIndex index = PassageIndex.openOrBuild(config.indexDir(), kb, analysis, progress);
        QueryBuilder queries = new QueryBuilder(analysis, llm.expander(Glossary.load(config.knowledgeDir()), analysis));
        AbstainRule coverage = new AbstainRule(index.passages(), AbstainRule.DEFAULT_MIN_COVERAGE);
        Bm25Retriever bm25 = new Bm25Retriever(index, queries, analysis, coverage);
        Map<RetrievalMode, Retriever> retrievers = new EnumMap<>(RetrievalMode.class);
        retrievers.put(RetrievalMode.BM25, bm25);
        Embedder embedder = null;
        if (mode != RetrievalMode.BM25) {
            embedder = openEmbedder(config.cacheDir(), progress);
            VectorIndex vectors = VectorIndex.build(index.passages(), embedder, progress.phase("Embedding"));
            DenseRetriever dense = new DenseRetriever(vectors, embedder, queries, DENSE_MIN_COSINE);
            retrievers.put(RetrievalMode.DENSE, dense);
            retrievers.put(RetrievalMode.HYBRID, new HybridRetriever(bm25, dense, queries, coverage, HYBRID_MIN_COSINE));
        }
        Retriever retriever = retrievers.get(mode);
        FollowUps followUps = new FollowUps(kb);
        Composer answers = llm.composer(new ExtractiveComposer(analysis, followUps), followUps);
        Coach coach = new Coach(new QuestionHandler(retriever, answers))
                .register(new Command(List.of("topics", "主题", "目录"),
                        "topics — what the knowledge base covers", new TopicsCommand(kb)))
                .register(new Command(List.of("source", "出处", "原文"),
                        "source <citation> — the full text of a cited section, e.g. source 4.4.3 定价策略",
                        new SourceCommand(kb)));
        return new CoachApp(kb, index, retrievers, mode, embedder, coach, llm);
    }

    /**
     * The offline default model behind a disk cache of vectors: a start whose passages are all
     * cached still loads the model (questions need it), but embeds no passage again.
     */
    private static Embedder openEmbedder(Path dataDir, IndexProgress progress) {
        LoadProgress steps = progress instanceof LoadProgress lp ? lp : LoadProgress.silent();
        return new CachingEmbedder(new BgeSmallZhEmbedder(dataDir, steps), dataDir);
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

    @Override
    public void close() {
        llm.close();
        if (embedder != null) {
            embedder.close();
        }
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
