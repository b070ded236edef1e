package startupcoach.dingtalk;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import startupcoach.coach.Feedback;
import startupcoach.coach.FeedbackLog;
import startupcoach.compose.Answer;

/**
 * Feedback as a chat command, since plain robot messages have no buttons: {@code 有用} / {@code 没用}
 * / {@code feedback good|bad} rate the last answer given in the same conversation.
 *
 * <p>Handled here, before the core, rather than registered with the shared {@code Coach}: the
 * "last answer in this conversation" is DingTalk state (Slack rates with buttons on the answer
 * itself), and the Coach is shared by every platform, where a second registration of the same
 * command names would fail at start-up. Thread-safe.
 */
final class FeedbackCommands {

    /** One line for the help text, which the core renders without knowing this command. */
    static final String USAGE = "有用 / 没用 (feedback good|bad) — rate the last answer in this chat";
    static final String THANKS = "谢谢反馈！Thanks for the feedback.";
    static final String NOTHING_TO_RATE = "No answer to rate yet — ask a question first, then reply 有用 or 没用."
            + "\n还没有可以评价的回答：先提问，再回复「有用」或「没用」。";
    static final String FEEDBACK_USAGE = "Usage: feedback good or feedback bad (or just 有用 / 没用).";

    private final LastAnswers lastAnswers;
    private final FeedbackLog log;
    private final Clock clock;

    FeedbackCommands(FeedbackLog log, LastAnswers lastAnswers, Clock clock) {
        this.log = Objects.requireNonNull(log, "log == null");
        this.lastAnswers = Objects.requireNonNull(lastAnswers, "lastAnswers == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Remembers the answer just sent, so "有用" that follows rates it. */
    void remember(String conversationId, Answer answer) {
        lastAnswers.remember(conversationId, answer);
    }

    /**
     * @return the reply text when {@code text} is a feedback command, else empty (a question or
     *         another command for the core)
     */
    Optional<String> handle(DingTalkMessage message, String text) {
        String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
        Boolean helpful;
        if (words.length == 1 && isVerdict(words[0])) {
            helpful = verdict(words[0]);
        } else if (words[0].equals("feedback") || words[0].equals("反馈")) {
            if (words.length != 2 || !isVerdict(words[1])) {
                return Optional.of(FEEDBACK_USAGE);
            }
            helpful = verdict(words[1]);
        } else {
            return Optional.empty();
        }
        Optional<LastAnswers.Last> found = lastAnswers.of(message.conversationId());
        if (found.isEmpty()) {
            return Optional.of(NOTHING_TO_RATE);
        }
        LastAnswers.Last last = found.get();
        log.record(new Feedback("dingtalk", message.conversationId(), message.userId(), last.question(),
                last.citations(), helpful, clock.instant()));
        return Optional.of(THANKS);
    }

    private static boolean isVerdict(String word) {
        return switch (word) {
            case "有用", "没用", "无用", "good", "bad", "👍", "👎" -> true;
            default -> false;
        };
    }

    private static boolean verdict(String word) {
        return word.equals("有用") || word.equals("good") || word.equals("👍");
    }
}
