package startupcoach.coach;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where 👍/👎 verdicts go. The default writes them to the log; storage replaces it with a table. */
@FunctionalInterface
public interface FeedbackLog {

    void record(Feedback feedback);

    /** Logs each verdict as one key=value line (the question only at DEBUG: it may be sensitive). */
    static FeedbackLog toLog() {
        Logger log = LoggerFactory.getLogger(FeedbackLog.class);
        return f -> {
            log.info("feedback.recorded platform={} conversation={} helpful={} citations={}", f.platform(),
                    f.conversationId(), f.helpful(), f.citations().size());
            log.debug("feedback.question text={}", f.question());
        };
    }
}
