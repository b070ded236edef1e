package startupcoach.dingtalk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;

/**
 * Answers one accepted message: the feedback command or the shared core, rendered as DingTalk
 * markdown and sent back to the chat. Runs on the adapter's worker threads, never on a callback
 * thread; never throws (a failed reply is logged with the message id). Thread-safe.
 */
final class DingTalkBot {

    static final String PLATFORM = "dingtalk";
    static final String NOTICE_TITLE = "startup-coach";
    static final String TEXT_ONLY = "目前只支持文字消息，请用文字提问，例如：价格战怎么打？\n"
            + "Only text messages are supported for now: please type your question.";
    private static final Logger log = LoggerFactory.getLogger(DingTalkBot.class);

    private final Coach coach;
    private final FeedbackCommands feedback;
    private final MarkdownRenderer renderer;
    private final Replier replier;
    private final CardReplier cards;

    /** @param cards answers as AI cards; null for markdown only */
    DingTalkBot(Coach coach, FeedbackCommands feedback, MarkdownRenderer renderer, Replier replier, CardReplier cards) {
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.feedback = feedback;
        this.renderer = renderer;
        this.replier = replier;
        this.cards = cards;
    }

    void answer(DingTalkMessage message) {
        if (cards == null || !cards.active()) {
            deliver(message, () -> compose(message));
            return;
        }
        long start = System.nanoTime();
        try {
            cards.answer(message, () -> replyFor(message), (origin, reply) -> replier.send(origin, render(origin, reply)));
            log.info("dingtalk.answered msgId={} conversationType={} latencyMs={} as=card", message.msgId(),
                    message.conversationType(), (System.nanoTime() - start) / 1_000_000);
        } catch (DingTalkException e) {
            log.warn("dingtalk.reply_failed msgId={} reason={}", message.msgId(), e.getMessage());
        } catch (InterruptedException e) {
            log.warn("dingtalk.reply_abandoned msgId={} reason=shutdown", message.msgId());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("dingtalk.reply_failed msgId={}", message.msgId(), e);
        }
    }

    /** Sends a short notice (not an answer) back to the message's chat. */
    void notice(DingTalkMessage message, String text) {
        deliver(message, () -> renderer.notice(NOTICE_TITLE, text, message.isGroup() ? message.senderStaffId() : null));
    }

    private void deliver(DingTalkMessage message, Supplier<List<MarkdownMessage>> reply) {
        long start = System.nanoTime();
        try {
            replier.send(message, reply.get());
            log.info("dingtalk.answered msgId={} conversationType={} latencyMs={}", message.msgId(),
                    message.conversationType(), (System.nanoTime() - start) / 1_000_000);
        } catch (DingTalkException e) {
            log.warn("dingtalk.reply_failed msgId={} reason={}", message.msgId(), e.getMessage());
        } catch (InterruptedException e) {
            // Shutting down past its deadline: the reply is abandoned, the thread ends.
            log.warn("dingtalk.reply_abandoned msgId={} reason=shutdown", message.msgId());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("dingtalk.reply_failed msgId={}", message.msgId(), e);
        }
    }

    List<MarkdownMessage> compose(DingTalkMessage message) {
        return render(message, replyFor(message));
    }

    private List<MarkdownMessage> render(DingTalkMessage message, Reply reply) {
        // In a group the answer @mentions the asker, so it stands out among other talk.
        return renderer.render(reply, message.isGroup() ? message.senderStaffId() : null);
    }

    /** The reply to a message, however it is shown: the feedback command's, a notice, or the core's. */
    Reply replyFor(DingTalkMessage message) {
        if (!message.isText()) {
            log.info("dingtalk.not_text msgId={} msgtype={}", message.msgId(), message.msgtype());
            return notice(TEXT_ONLY);
        }
        String question = Mentions.stripLeading(message.text());
        log.debug("dingtalk.question msgId={} text={}", message.msgId(), question);
        if (!question.isEmpty()) {
            Optional<String> rated = feedback.handle(message, question);
            if (rated.isPresent()) {
                return notice(rated.get());
            }
        }
        // In a group each sender is a conversation of their own, so two people's follow-ups never mix.
        Reply reply = coach.handle(new IncomingMessage(PLATFORM, message.conversationId(), message.userId(), question,
                message.isGroup() ? message.userId() : null));
        if (reply.kind() == ReplyKind.HELP) {
            reply = new Reply(ReplyKind.HELP, reply.text() + "\n  " + FeedbackCommands.USAGE, null, null, reply.note());
        }
        if (reply.kind() == ReplyKind.ANSWER && reply.answer() != null) {
            feedback.remember(message.conversationId(), reply.answer());
        }
        return reply;
    }

    /** A short message of the adapter's own; rendered under the title {@value #NOTICE_TITLE}. */
    private static Reply notice(String text) {
        return Reply.of(ReplyKind.ERROR, text);
    }
}
