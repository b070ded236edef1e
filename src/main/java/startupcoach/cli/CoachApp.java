package startupcoach.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import startupcoach.coach.Coach;
import startupcoach.coach.Command;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.InMemoryDeduplicator;
import startupcoach.coach.QuestionLog;
import startupcoach.coach.QuestionHandler;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.config.CoachConfig;
import startupcoach.config.DigestSettings;
import startupcoach.digest.DigestCommand;
import startupcoach.digest.DigestComposer;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.AbstainRule;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.Glossary;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.TextAnalysis;
import startupcoach.coach.SourceCommand;
import startupcoach.coach.TopicsCommand;
import startupcoach.store.Storage;

/**
 * The composition root: builds the object graph from a {@link CoachConfig} with plain
 * constructors. Owns the index and closes it. With a {@link Storage} (what {@code serve} passes)
 * answered questions are logged per conversation and the {@code digest} command is registered;
 * the storage stays its opener's to close.
 */
public final class CoachApp implements AutoCloseable {

    private final KnowledgeBase knowledge;
    private final PassageIndex index;
    private final Retriever retriever;
    private final Coach coach;
    private final DigestComposer digestComposer;
    private final Storage storage;
    private final Deduplicator deduplicator;

    private CoachApp(KnowledgeBase knowledge, PassageIndex index, Retriever retriever, Coach coach, DigestComposer digestComposer,
                     Storage storage) {
        this.knowledge = knowledge;
        this.index = index;
        this.retriever = retriever;
        this.coach = coach;
        this.digestComposer = digestComposer;
        this.storage = storage;
        this.deduplicator = storage != null ? storage.deduplicator() : new InMemoryDeduplicator();
    }

    /** The coach without storage: the command line. */
    public static CoachApp open(CoachConfig config, IndexProgress progress) {
        return open(config, progress, null, DigestSettings.defaults());
    }

    /**
     * The coach with storage, as {@code serve} runs it.
     *
     * @param storage null for none (no question log, no {@code digest} command)
     */
    public static CoachApp open(CoachConfig config, IndexProgress progress, Storage storage, DigestSettings digests) {
        KnowledgeBase kb = KnowledgeBase.load(config.knowledgeDir());
        TextAnalysis analysis = new TextAnalysis();
        PassageIndex index = PassageIndex.openOrBuild(config.indexDir(), kb, analysis, progress);
        Retriever retriever = Bm25Retriever.create(index, analysis, Glossary.load(config.knowledgeDir()));
        ExtractiveComposer composer = new ExtractiveComposer(analysis, new FollowUps(kb));
        QuestionLog questionLog = storage != null ? storage.questionLog() : QuestionLog.NONE;
        Coach coach = new Coach(new QuestionHandler(retriever, composer, questionLog, Clock.systemUTC()))
                .register(new Command(java.util.List.of("topics", "主题", "目录"),
                        "topics — what the knowledge base covers", new TopicsCommand(kb)))
                .register(new Command(java.util.List.of("source", "出处", "原文"),
                        "source <citation> — the full text of a cited section, e.g. source 4.4.3 定价策略",
                        new SourceCommand(kb)));
        DigestComposer digestComposer = new DigestComposer(kb, retriever);
        if (storage != null) {
            coach.register(new DigestCommand(storage.digests(), digestComposer, digests.defaultZone(), Clock.systemUTC()).asCommand());
        }
        return new CoachApp(kb, index, retriever, coach, digestComposer, storage);
    }

    public KnowledgeBase knowledge() {
        return knowledge;
    }

    public PassageIndex index() {
        return index;
    }

    public Retriever retriever() {
        return retriever;
    }

    /** Problems found while starting that the user should hear about (skipped files, a rebuilt index). */
    public java.util.List<String> warnings() {
        java.util.List<String> all = new java.util.ArrayList<>(knowledge.warnings());
        index.warning().ifPresent(all::add);
        return all;
    }

    public Coach coach() {
        return coach;
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

    /** For the chat adapters: the feedback table when there is a database, else the log. */
    public FeedbackLog feedbackLog() {
        return storage != null ? storage.feedbackLog() : FeedbackLog.toLog();
    }

    @Override
    public void close() {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
