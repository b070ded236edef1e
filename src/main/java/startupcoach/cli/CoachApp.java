package startupcoach.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import startupcoach.coach.Coach;
import startupcoach.coach.Command;
import startupcoach.coach.QuestionHandler;
import startupcoach.compose.Composer;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
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

/**
 * The composition root: builds the object graph from a {@link CoachConfig} with plain
 * constructors. Owns the index and closes it.
 */
public final class CoachApp implements AutoCloseable {

    private final KnowledgeBase knowledge;
    private final PassageIndex index;
    private final Retriever retriever;
    private final Coach coach;
    private final LlmWiring llm;

    private CoachApp(KnowledgeBase knowledge, PassageIndex index, Retriever retriever, Coach coach, LlmWiring llm) {
        this.knowledge = knowledge;
        this.index = index;
        this.retriever = retriever;
        this.coach = coach;
        this.llm = llm;
    }

    /** Opens the default configuration's composer: extractive, no language model. */
    public static CoachApp open(CoachConfig config, IndexProgress progress) {
        return open(config, ComposerSettings.extractive(), progress);
    }

    /**
     * @param composer which composer answers, and the optional language model (which, when
     *                 configured, also translates questions for retrieval)
     */
    public static CoachApp open(CoachConfig config, ComposerSettings composer, IndexProgress progress) {
        // Prompts first: a broken template fails before minutes of indexing, and leaks no open index.
        LlmWiring llm = LlmWiring.create(composer);
        KnowledgeBase kb = KnowledgeBase.load(config.knowledgeDir());
        TextAnalysis analysis = new TextAnalysis();
        PassageIndex index = PassageIndex.openOrBuild(config.indexDir(), kb, analysis, progress);
        Retriever retriever = Bm25Retriever.create(index, analysis, llm.expander(Glossary.load(config.knowledgeDir()), analysis));
        FollowUps followUps = new FollowUps(kb);
        Composer answers = llm.composer(new ExtractiveComposer(analysis, followUps), followUps);
        Coach coach = new Coach(new QuestionHandler(retriever, answers))
                .register(new Command(java.util.List.of("topics", "主题", "目录"),
                        "topics — what the knowledge base covers", new TopicsCommand(kb)))
                .register(new Command(java.util.List.of("source", "出处", "原文"),
                        "source <citation> — the full text of a cited section, e.g. source 4.4.3 定价策略",
                        new SourceCommand(kb)));
        return new CoachApp(kb, index, retriever, coach, llm);
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

    @Override
    public void close() {
        llm.close();
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
