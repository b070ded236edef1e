package startupcoach.coach;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.compose.Answer;
import startupcoach.compose.Composer;
import startupcoach.compose.DraftListener;
import startupcoach.compose.PlainTextRenderer;
import startupcoach.conversation.ConversationMemory;
import startupcoach.conversation.ConversationalSearch;
import startupcoach.conversation.Turn;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.Retriever;

/**
 * Answers a question: retrieve (in the light of the conversation's earlier turns), compose, render
 * the plain-text form, then remember the turn and tell the {@link QuestionLog} what was asked and
 * which sections answered it.
 */
public final class QuestionHandler implements CommandHandler.Drafting {

    /** Sections retrieved per question; the composer quotes from the best few. */
    public static final int TOP_K = 5;
    private static final Logger log = LoggerFactory.getLogger(QuestionHandler.class);

    private final ConversationalSearch search;
    private final ConversationMemory memory;
    private final Composer composer;
    private final PlainTextRenderer renderer = new PlainTextRenderer();
    private final QuestionLog questionLog;
    private final Clock clock;

    /** Answers without keeping a log of the questions. */
    public QuestionHandler(Retriever retriever, Composer composer) {
        this(retriever, composer, QuestionLog.NONE, Clock.systemUTC());
    }

    /**
     * @param questionLog told about every answered question, per conversation
     * @param clock       stamps the logged questions
     */
    public QuestionHandler(Retriever retriever, Composer composer, QuestionLog questionLog, Clock clock) {
        this(new ConversationalSearch(retriever, null), ConversationMemory.NONE, composer, questionLog, clock);
    }

    /**
     * @param search      reads a follow-up against the conversation's earlier turns
     * @param memory      each conversation's recent turns ({@link ConversationMemory#NONE}: every question stands alone)
     * @param questionLog told about every answered question, per conversation
     * @param clock       stamps the logged questions and turns
     */
    public QuestionHandler(ConversationalSearch search, ConversationMemory memory, Composer composer, QuestionLog questionLog,
                           Clock clock) {
        this.search = Objects.requireNonNull(search, "search == null");
        this.memory = Objects.requireNonNull(memory, "memory == null");
        this.composer = Objects.requireNonNull(composer, "composer == null");
        this.questionLog = Objects.requireNonNull(questionLog, "questionLog == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** A language model composer streams its answer to {@code drafts} while writing it. */
    @Override
    public Reply handle(IncomingMessage message, String question, DraftListener drafts) {
        long start = System.nanoTime();
        String note = null;
        if (question.length() > QueryBuilder.MAX_QUESTION_CHARS) {
            note = "Your message is " + question.length() + " characters long; I answered its first "
                    + QueryBuilder.MAX_QUESTION_CHARS + ". Ask one question at a time for a sharper answer.";
            question = question.substring(0, QueryBuilder.MAX_QUESTION_CHARS);
        }
        String conversation = message.conversationKey();
        List<Turn> history = recall(conversation);
        ConversationalSearch.Resolution resolution = search.search(question, history, TOP_K);
        Answer answer = composer.compose(resolution.result(), history, drafts);
        log.info("answer.composed platform={} covered={} sections={} followUp={} latencyMs={}", message.platform(),
                answer.covered(), answer.groups().size(), resolution.followUp(), (System.nanoTime() - start) / 1_000_000);
        remember(conversation, new Turn(question, resolution.searchedQuery(),
                answer.citedSections().stream().map(Section::id).toList(), clock.instant()));
        logQuestion(message, question, answer);
        return new Reply(ReplyKind.ANSWER, renderer.render(answer), answer, null, note);
    }

    private List<Turn> recall(String conversation) {
        try {
            return memory.recent(conversation);
        } catch (RuntimeException e) {
            // Without the memory the question is still answered, as if it came first.
            log.warn("conversation.recall_failed conversation={}", conversation, e);
            return List.of();
        }
    }

    private void remember(String conversation, Turn turn) {
        try {
            memory.remember(conversation, turn);
        } catch (RuntimeException e) {
            log.warn("conversation.remember_failed conversation={}", conversation, e);
        }
    }

    private void logQuestion(IncomingMessage message, String question, Answer answer) {
        try {
            questionLog.record(new AnsweredQuestion(message.platform(), message.conversationId(), message.userId(), question,
                    answer.citedSections().stream().map(s -> s.id()).toList(), answer.covered(), clock.instant()));
        } catch (RuntimeException e) {
            // The user still gets the answer; only a later digest misses this question.
            log.warn("question.log_failed platform={} conversation={}", message.platform(), message.conversationId(), e);
        }
    }
}
