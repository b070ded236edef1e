package startupcoach.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;

/**
 * {@code /coach <question>} and {@code /coach help|topics|source …}: acknowledged at once with an
 * ephemeral "Looking that up…", then answered through the command's {@code response_url}, which
 * replaces the acknowledgement. Replies are ephemeral: the asker decides what to share. An empty
 * {@code /coach} gets the help text straight in the acknowledgement.
 */
final class CoachCommand {

    static final String COMMAND = "/coach";
    static final String LOOKING = "Looking that up…";
    private static final Logger log = LoggerFactory.getLogger(CoachCommand.class);

    private final Coach coach;
    private final BlockRenderer renderer;
    private final ReplyDispatcher dispatcher;

    CoachCommand(Coach coach, BlockRenderer renderer, ReplyDispatcher dispatcher) {
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
    }

    void register(App app) {
        app.command(COMMAND, this::onCommand);
    }

    private Response onCommand(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload p = request.getPayload();
        String text = p.getText() == null ? "" : Mrkdwn.unescape(p.getText()).strip();
        String channel = p.getChannelId() == null ? "unknown" : p.getChannelId();
        String user = p.getUserId() == null ? "unknown" : p.getUserId();
        IncomingMessage message = new IncomingMessage(MessageEvents.PLATFORM, channel, user, text);
        if (text.isEmpty()) {
            // Help costs nothing to compute, so it comes in the acknowledgement itself.
            SlackMessage help = renderer.render(coach.handle(message)).get(0);
            return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(help.text()).blocks(help.blocks()).build());
        }
        if (p.getResponseUrl() == null) {
            log.warn("slack.command.no_response_url channel={}", channel);
            return ctx.ack(r -> r.responseType("ephemeral").text("Slack sent no response URL for this command; mention me instead."));
        }
        Optional<ReplyDispatcher.Slot> slot = dispatcher.reserve();
        if (slot.isEmpty()) {
            // Slack never retries a slash command, so say so instead of failing silently.
            log.warn("slack.busy command={} channel={}", COMMAND, channel);
            return ctx.ack(r -> r.responseType("ephemeral").text("I'm answering a lot of questions right now; please try again in a minute."));
        }
        slot.get().answer(message, new Destination.ResponseUrl(p.getResponseUrl(), true));
        log.info("slack.command.accepted channel={} chars={}", channel, text.length());
        return ctx.ack(r -> r.responseType("ephemeral").text(LOOKING));
    }
}
