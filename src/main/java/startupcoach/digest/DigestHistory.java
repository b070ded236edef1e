package startupcoach.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import startupcoach.coach.AnsweredQuestion;

/**
 * What a conversation already has, read before composing its next digest.
 *
 * @param sentCounts per passage id, how many times it was sent to the conversation (absent: never)
 * @param asked      questions answered there since the last digest, oldest first
 * @param askedAfter the instant {@code asked} starts after (the last digest, or the subscription)
 */
public record DigestHistory(Map<String, Integer> sentCounts, List<AnsweredQuestion> asked, Instant askedAfter) {

    /** Questions shown under {@link Digest#ASKED_HEADING} at most. */
    public static final int MAX_ASKED = 5;

    public DigestHistory {
        sentCounts = Map.copyOf(sentCounts);
        asked = List.copyOf(asked);
        Objects.requireNonNull(askedAfter, "askedAfter == null");
    }

    /** A conversation that was never sent anything and asked nothing: what the CLI preview shows. */
    public static DigestHistory none(Instant now) {
        return new DigestHistory(Map.of(), List.of(), now);
    }

    /** Reads the conversation's sent passages and its questions after {@code askedAfter}. */
    public static DigestHistory load(DigestStorage storage, String platform, String conversationId, Instant askedAfter) {
        return new DigestHistory(storage.slots().sentCounts(platform, conversationId),
                storage.questions().askedAfter(platform, conversationId, askedAfter, MAX_ASKED), askedAfter);
    }
}
