package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Feedback;
import startupcoach.coach.FeedbackLog;

/**
 * A click on an answer card's button, as the card callback ({@code /v1.0/card/instances/callback})
 * delivers it: {@code {"type":"actionCallback","userId":…,"outTrackId":…,"content":"{\"cardPrivateData\":
 * {\"actionIds\":[…],\"params\":{…}}}"}}. 👍/👎 record a vote on that card's answer at once (one per
 * user and card, the last click wins); 查看原文 and a follow-up question become a message from the
 * clicker, {@code source <citation>} or the question itself, that goes through the intake (dedupe,
 * admission, workers) and the core exactly like a typed one. Thread-safe.
 */
final class CardClicks {

    /** What became of a click. */
    enum Outcome { VOTED, ASKED, IGNORED, DEFERRED }

    private static final Logger log = LoggerFactory.getLogger(CardClicks.class);

    private final ObjectMapper json;
    private final FeedbackLog feedback;
    private final MessageIntake intake;
    private final Clock clock;

    CardClicks(ObjectMapper json, FeedbackLog feedback, MessageIntake intake, Clock clock) {
        this.json = json;
        this.feedback = feedback;
        this.intake = intake;
        this.clock = clock;
    }

    /**
     * @throws startupcoach.coach.StorageUnavailableException when a vote cannot be stored now (the
     *         caller lets DingTalk redeliver the click)
     */
    Outcome handle(String body, String transport) {
        JsonNode root = read(body);
        String user = root.path("userId").asText("");
        String outTrackId = root.path("outTrackId").asText("");
        JsonNode content = read(root.path("content").asText(root.path("value").asText("")));
        Optional<CardAction> action = CardAction.from(content.path("cardPrivateData"));
        if (user.isBlank() || action.isEmpty()) {
            log.info("dingtalk.card_click_ignored reason=not_ours outTrackId={} via={}", outTrackId, transport);
            return Outcome.IGNORED;
        }
        CardAction a = action.get();
        switch (a.kind()) {
            case HELPFUL, NOT_HELPFUL -> {
                boolean helpful = a.kind() == CardAction.Kind.HELPFUL;
                feedback.record(new Feedback(DingTalkBot.PLATFORM, a.conversationId(), user, a.value(), a.citations(), helpful,
                        clock.instant(), outTrackId.isBlank() ? null : outTrackId));
                log.info("dingtalk.card_vote outTrackId={} helpful={} via={}", outTrackId, helpful, transport);
                return Outcome.VOTED;
            }
            default -> {
                String text = a.kind() == CardAction.Kind.SOURCE ? "source " + a.value() : a.value();
                MessageIntake.Outcome taken = intake.accept(asMessage(outTrackId, user, a, text), transport);
                return taken == MessageIntake.Outcome.OVERLOADED || taken == MessageIntake.Outcome.STORAGE_UNAVAILABLE
                        ? Outcome.DEFERRED : Outcome.ASKED;
            }
        }
    }

    /**
     * The click as a text message from the clicker in the card's chat. Its id is derived from the
     * card, the user and the button: a redelivered click, or a second click on the same button, is
     * dropped as a duplicate instead of answered twice.
     */
    private DingTalkMessage asMessage(String outTrackId, String user, CardAction a, String text) {
        return new DingTalkMessage(CardIds.clickMessageId(outTrackId, user, a), "text", text, clock.millis(), a.group() ? DingTalkMessage.GROUP : DingTalkMessage.SINGLE,
                a.conversationId(), null, user, null, user, null, null, 0, null, List.of());
    }

    private JsonNode read(String text) {
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            return node == null ? json.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }
}
