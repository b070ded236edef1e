package startupcoach.digest;

import java.util.Objects;

/**
 * The three stores digests need, passed around together.
 *
 * @param subscriptions subscriptions and robot webhooks
 * @param slots         slot claims and sent passages
 * @param questions     the question log
 */
public record DigestStorage(SubscriptionStore subscriptions, SlotLedger slots, QuestionHistory questions) {

    public DigestStorage {
        Objects.requireNonNull(subscriptions, "subscriptions == null");
        Objects.requireNonNull(slots, "slots == null");
        Objects.requireNonNull(questions, "questions == null");
    }
}
