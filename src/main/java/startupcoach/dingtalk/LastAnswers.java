package startupcoach.dingtalk;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.digest.QuestionHistory;

/**
 * The answer that a {@code 有用}/{@code 没用} rates: the last one given in the same conversation,
 * at most a day ago (feedback later than that is about something else by then). Thread-safe.
 */
interface LastAnswers {

    /** What was answered: the question and the answer's citations. */
    record Last(String question, List<String> citations) {
    }

    /** How long an answer can still be rated. */
    Duration RATEABLE_FOR = Duration.ofHours(24);

    /** Called with every answer this replica sends. */
    void remember(String conversationId, Answer answer);

    Optional<Last> of(String conversationId);

    /** Remembered by this process: right for one replica (and without a database). */
    static LastAnswers inMemory() {
        Cache<String, Last> last = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RATEABLE_FOR).build();
        return new LastAnswers() {
            @Override
            public void remember(String conversationId, Answer answer) {
                last.put(conversationId, new Last(answer.question(), answer.groups().stream().map(CitedGroup::citation).toList()));
            }

            @Override
            public Optional<Last> of(String conversationId) {
                return Optional.ofNullable(last.getIfPresent(conversationId));
            }
        };
    }

    /**
     * Read from the shared question log, where the core records every answer before it is sent: a
     * rating that reaches another replica than the answer finds it too.
     *
     * @param citationOf a section id's citation, or empty when the section is gone
     */
    static LastAnswers fromQuestionLog(QuestionHistory history, Function<String, Optional<String>> citationOf, Clock clock) {
        Objects.requireNonNull(history, "history == null");
        Objects.requireNonNull(citationOf, "citationOf == null");
        Objects.requireNonNull(clock, "clock == null");
        return new LastAnswers() {
            @Override
            public void remember(String conversationId, Answer answer) {
                // Already in the question log.
            }

            @Override
            public Optional<Last> of(String conversationId) {
                List<AnsweredQuestion> latest = history.askedAfter(DingTalkBot.PLATFORM, conversationId,
                        clock.instant().minus(RATEABLE_FOR), 1);
                return latest.stream().findFirst().map(q -> new Last(q.question(),
                        q.citedSectionIds().stream().map(citationOf).flatMap(Optional::stream).toList()));
            }
        };
    }
}
