package startupcoach.coach;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reload}: an admin re-indexes the knowledge base now and hears how it went; anyone else is
 * told who can. The reply waits for the re-index (Slack answers a slash command through its
 * response URL and DingTalk through the session webhook, both long after the acknowledgement), up
 * to {@link #WAIT_MINUTES} minutes.
 */
public final class ReloadCommand implements CommandHandler {

    /** Longer than any re-index of a knowledge base this size; the log has the end of a slower one. */
    static final long WAIT_MINUTES = 10;
    private static final Logger log = LoggerFactory.getLogger(ReloadCommand.class);

    private final KnowledgeReloader<?> reloader;
    private final Admins admins;

    public ReloadCommand(KnowledgeReloader<?> reloader, Admins admins) {
        this.reloader = Objects.requireNonNull(reloader, "reloader == null");
        this.admins = Objects.requireNonNull(admins, "admins == null");
    }

    /** Registered under {@code reload}, {@code 重新索引} and {@code 更新知识库}. */
    public Command asCommand() {
        return new Command(List.of("reload", "重新索引", "更新知识库"),
                "reload — (admins) re-index the knowledge base now", this);
    }

    @Override
    public Reply handle(IncomingMessage message, String args) {
        if (!admins.allows(message)) {
            log.info("reload.refused platform={} user={}", message.platform(), message.userId());
            return Reply.of(ReplyKind.ERROR, refusal(message.platform()));
        }
        log.info("reload.requested platform={} user={}", message.platform(), message.userId());
        ReloadResult result;
        try {
            result = reloader.request(KnowledgeReloader.ADMIN).get(WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            return Reply.of(ReplyKind.ADMIN, "Re-indexing… still running after " + WAIT_MINUTES + " minutes; the bot keeps"
                    + " answering from the previous index meanwhile, and the log says reload.done when it is finished.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.of(ReplyKind.ERROR, "Re-indexing was interrupted (the bot is shutting down).");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reload never completes exceptionally", e);
        }
        if (result.ok()) {
            return Reply.of(ReplyKind.ADMIN, "Re-indexing… done: " + result.sections() + " sections from " + result.files()
                    + " files in " + result.seconds() + ".");
        }
        String where = result.location() == null ? "" : result.location() + ": ";
        // Reasons from a directory check end with their own full stop.
        String reason = result.reason().endsWith(".") ? result.reason() : result.reason() + ".";
        return Reply.of(ReplyKind.ERROR, "Re-indexing… failed: " + where + reason + "\nStill answering from the"
                + " previous index. Fix the file, then send reload again.");
    }

    private String refusal(String platform) {
        List<String> ids = admins.on(platform);
        String who = ids.isEmpty() ? "no admin is set up for " + platform + " yet (the operator lists them in COACH_ADMINS)"
                : "ask " + (ids.size() == 1 ? "the admin, " : "one of the admins, ") + String.join(", ", ids);
        return "Sorry, only an admin can re-index the knowledge base: " + who + ".";
    }
}
