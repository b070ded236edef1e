package startupcoach.coach;

import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.compose.Answer;
import startupcoach.compose.Composer;
import startupcoach.compose.PlainTextRenderer;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.SearchResult;

/**
 * Answers a question: retrieve, compose, render the plain-text form, then tell the
 * {@link QuestionLog} what was asked and which sections answered it.
 */
public final class QuestionHandler implements CommandHandler {

    /** Sections retrieved per question; the composer quotes from the best few. */
    public static final int TOP_K = 5;
    private static final Logger log = LoggerFactory.getLogger(QuestionHandler.class);

    private final Retriever retriever;
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
        this.retriever = Objects.requireNonNull(retriever, "retriever == null");
        this.composer = Objects.requireNonNull(composer, "composer == null");
        this.questionLog = Objects.requireNonNull(questionLog, "questionLog == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public Reply handle(IncomingMessage message, String question) {
        long start = System.nanoTime();
        String note = null;
        if (question.length() > QueryBuilder.MAX_QUESTION_CHARS) {
            note = "Your message is " + question.length() + " characters long; I answered its first "
                    + QueryBuilder.MAX_QUESTION_CHARS + ". Ask one question at a time for a sharper answer.";
            question = question.substring(0, QueryBuilder.MAX_QUESTION_CHARS);
        }
        SearchResult result = retriever.search(question, TOP_K);
        Answer answer = composer.compose(result);
        log.info("answer.composed platform={} covered={} sections={} latencyMs={}", message.platform(),
                answer.covered(), answer.groups().size(), (System.nanoTime() - start) / 1_000_000);
        logQuestion(message, question, answer);
        return new Reply(ReplyKind.ANSWER, renderer.render(answer), answer, null, note);
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
