package startupcoach.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.block.LayoutBlock;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.Feedback;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.StorageUnavailableException;

/**
 * The buttons under an answer. Slack's native 👍/👎 ({@code feedback_buttons}) records a
 * {@link Feedback}: one vote per user and message, a later click replacing the earlier one (Slack
 * shows the chosen button itself). The plain 👍/👎 buttons of older answers record once per user
 * and message and replace the button row with "Thanks for the feedback" through the click's
 * {@code response_url}. "Full section" sends the cited section's text, only to the person who
 * clicked. Both acknowledge at once and do the work on the {@link ReplyDispatcher}.
 */
final class ButtonActions {

    private static final Logger log = LoggerFactory.getLogger(ButtonActions.class);

    private final Coach coach;
    private final BlockRenderer renderer;
    private final ReplyDispatcher dispatcher;
    private final SlackSender sender;
    private final FeedbackLog feedbackLog;
    private final Deduplicator dedupe;
    private final Clock clock;

    ButtonActions(Coach coach, BlockRenderer renderer, ReplyDispatcher dispatcher, SlackSender sender, FeedbackLog feedbackLog,
                  Deduplicator dedupe, Clock clock) {
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
        this.sender = Objects.requireNonNull(sender, "sender == null");
        this.feedbackLog = Objects.requireNonNull(feedbackLog, "feedbackLog == null");
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    void register(App app) {
        app.blockAction(BlockRenderer.ACTION_FEEDBACK, this::onNativeFeedback);
        app.blockAction(BlockRenderer.ACTION_HELPFUL, (req, ctx) -> onFeedback(req, ctx, true));
        app.blockAction(BlockRenderer.ACTION_NOT_HELPFUL, (req, ctx) -> onFeedback(req, ctx, false));
        app.blockAction(BlockRenderer.ACTION_FULL_SECTION, this::onFullSection);
    }

    private Response onNativeFeedback(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload p = request.getPayload();
        String clicked = firstValue(p);
        boolean helpful = clicked != null && clicked.startsWith(BlockRenderer.VOTE_UP);
        boolean unhelpful = clicked != null && clicked.startsWith(BlockRenderer.VOTE_DOWN);
        Optional<FeedbackValue> value = helpful || unhelpful
                ? FeedbackValue.decode(clicked.substring((helpful ? BlockRenderer.VOTE_UP : BlockRenderer.VOTE_DOWN).length()))
                : Optional.empty();
        String user = p.getUser() == null ? null : p.getUser().getId();
        String channel = channel(p);
        String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
        if (value.isEmpty() || user == null || channel == null || messageTs == null) {
            log.warn("slack.feedback.unreadable channel={}", channel);
            return ctx.ack();
        }
        Feedback feedback = new Feedback(MessageEvents.PLATFORM, channel, user, value.get().question(), value.get().citations(),
                helpful, clock.instant(), channel + ":" + messageTs);
        runLater(() -> {
            try {
                feedbackLog.record(feedback);
                log.info("slack.feedback.vote channel={} helpful={}", channel, helpful);
            } catch (StorageUnavailableException e) {
                notSaved(p);
            }
        });
        return ctx.ack();
    }

    private Response onFeedback(BlockActionRequest request, ActionContext ctx, boolean helpful) {
        BlockActionPayload p = request.getPayload();
        Optional<FeedbackValue> value = FeedbackValue.decode(firstValue(p));
        String user = p.getUser() == null ? null : p.getUser().getId();
        String channel = channel(p);
        if (value.isEmpty() || user == null || channel == null) {
            log.warn("slack.feedback.unreadable channel={}", channel);
            return ctx.ack();
        }
        String messageTs = p.getContainer() == null ? null : p.getContainer().getMessageTs();
        try {
            if (messageTs != null && !dedupe.firstTime("slack:feedback:" + channel + ":" + messageTs + ":" + user)) {
                return ctx.ack();
            }
        } catch (StorageUnavailableException e) {
            runLater(() -> notSaved(p));
            return ctx.ack();
        }
        Feedback feedback = new Feedback(MessageEvents.PLATFORM, channel, user, value.get().question(), value.get().citations(),
                helpful, clock.instant(), messageTs == null ? null : channel + ":" + messageTs);
        List<LayoutBlock> original = p.getMessage() == null ? null : p.getMessage().getBlocks();
        boolean ephemeral = p.getContainer() != null && p.getContainer().isEphemeral();
        runLater(() -> {
            try {
                feedbackLog.record(feedback);
            } catch (StorageUnavailableException e) {
                notSaved(p);
                return;
            }
            if (p.getResponseUrl() == null) {
                return;
            }
            if (original != null && !original.isEmpty()) {
                String text = p.getMessage().getText() == null || p.getMessage().getText().isBlank()
                        ? BlockRenderer.THANKS : p.getMessage().getText();
                respond(p.getResponseUrl(), new SlackMessage(text, BlockRenderer.thank(original, helpful)), ephemeral, true);
            } else {
                // Slack leaves the message out of some payloads (ephemeral ones): thank without replacing.
                respond(p.getResponseUrl(), new SlackMessage(BlockRenderer.THANKS, List.of()), true, false);
            }
        });
        return ctx.ack();
    }

    private Response onFullSection(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload p = request.getPayload();
        String citation = firstValue(p);
        String user = p.getUser() == null ? "unknown" : p.getUser().getId();
        String channel = channel(p) == null ? "unknown" : channel(p);
        if (citation == null || citation.isBlank() || p.getResponseUrl() == null) {
            return ctx.ack();
        }
        runLater(() -> {
            // Through the core's "source" command, exactly as a user typing it would.
            IncomingMessage message = new IncomingMessage(MessageEvents.PLATFORM, channel, user, "source " + citation);
            for (SlackMessage part : renderer.render(coach.handle(message))) {
                respond(p.getResponseUrl(), part, true, false);
            }
        });
        return ctx.ack();
    }

    /** Clicks are not redelivered by Slack: the user is told to click again later. */
    private void notSaved(BlockActionPayload p) {
        log.error("slack.feedback.not_saved channel={} reason=database_unavailable", channel(p));
        if (p.getResponseUrl() != null) {
            respond(p.getResponseUrl(), new SlackMessage(StorageUnavailableException.USER_MESSAGE, List.of()), true, false);
        }
    }

    private void runLater(Runnable job) {
        Optional<ReplyDispatcher.Slot> slot = dispatcher.reserve();
        if (slot.isEmpty()) {
            log.warn("slack.busy action=button");
            return;
        }
        slot.get().run(job);
    }

    private void respond(String url, SlackMessage message, boolean ephemeral, boolean replaceOriginal) {
        try {
            sender.respond(url, message, ephemeral, replaceOriginal);
        } catch (SlackException e) {
            log.warn("slack.button.reply_failed reason={}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstValue(BlockActionPayload p) {
        return p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
    }

    private static String channel(BlockActionPayload p) {
        if (p.getChannel() != null && p.getChannel().getId() != null) {
            return p.getChannel().getId();
        }
        return p.getContainer() == null ? null : p.getContainer().getChannelId();
    }
}
