package startupcoach.dingtalk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Coach;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.pipeline.InboxItem;
import startupcoach.pipeline.Outlet;
import startupcoach.pipeline.PendingReply;

/**
 * DingTalk's {@link Outlet}: answers one message taken from the inbox with the feedback command or
 * the shared core, as an AI card or as markdown sent back to the chat. Runs on the pipeline's
 * threads, never on a callback thread; never throws for DingTalk's failures (logged with the
 * message id). Thread-safe.
 *
 * <p><b>Resumed answers.</b> DingTalk offers no way to read back what the robot sent, so whether an
 * interrupted markdown reply arrived is {@link Answered#UNKNOWN}: the pipeline then sends it again
 * only if the earlier attempt never began sending (at most once, logged as {@code reply.maybe_lost}).
 * A card is different: its {@code outTrackId} derives from the msgId, and once createAndDeliver
 * succeeded the card's id is recorded ({@value #CARD_REF}…); a resumed attempt then skips the
 * creation and completes that same card, and an update replaces the card's content instead of
 * adding a message, so the asker sees exactly one answer ({@link Answered#NO}: delivering again
 * duplicates nothing).
 */
final class DingTalkBot implements Outlet {

    static final String PLATFORM = "dingtalk";
    static final String NOTICE_TITLE = "startup-coach";
    static final String TEXT_ONLY = "目前只支持文字消息，请用文字提问，例如：价格战怎么打？\n"
            + "Only text messages are supported for now: please type your question.";
    /** The prefix of a sent reference that names a delivered card. */
    static final String CARD_REF = "card:";
    private static final Logger log = LoggerFactory.getLogger(DingTalkBot.class);

    private final Coach coach;
    private final FeedbackCommands feedback;
    private final MarkdownRenderer renderer;
    private final Replier replier;
    private final CardReplier cards;
    private final MessageParser addresses;

    /**
     * @param cards     answers as AI cards; null for markdown only
     * @param addresses reads the message back from an inbox item's reply address
     */
    DingTalkBot(Coach coach, FeedbackCommands feedback, MarkdownRenderer renderer, Replier replier, CardReplier cards,
                MessageParser addresses) {
        this.coach = Objects.requireNonNull(coach, "coach == null");
        this.feedback = feedback;
        this.renderer = renderer;
        this.replier = replier;
        this.cards = cards;
        this.addresses = Objects.requireNonNull(addresses, "addresses == null");
    }

    @Override
    public Reply answer(Coach ignored, InboxItem item) {
        return replyFor(origin(item));
    }

    @Override
    public Answered alreadyAnswered(InboxItem item) {
        boolean cardShowing = item.sentRef() != null && item.sentRef().startsWith(CARD_REF) && cards != null && cards.active();
        return cardShowing ? Answered.NO : Answered.UNKNOWN;
    }

    @Override
    public void deliver(InboxItem item, PendingReply reply, Progress progress) throws InterruptedException {
        DingTalkMessage message = origin(item);
        long start = System.nanoTime();
        boolean asCard = cards != null && cards.active();
        try {
            if (asCard) {
                boolean cardExists = item.sentRef() != null && item.sentRef().startsWith(CARD_REF);
                cards.answer(message, reply, (origin, r) -> send(origin, render(origin, r), progress), progress, cardExists);
            } else {
                send(message, render(message, reply.get()), progress);
            }
            log.info("dingtalk.answered msgId={} conversationType={} latencyMs={}{}", message.msgId(), message.conversationType(),
                    (System.nanoTime() - start) / 1_000_000, asCard ? " as=card" : "");
        } catch (DingTalkException e) {
            log.warn("dingtalk.reply_failed msgId={} reason={}", message.msgId(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("dingtalk.reply_failed msgId={}", message.msgId(), e);
        }
    }

    /** Sends a short notice (not an answer, not kept in the inbox) back to the message's chat. Never throws. */
    void notice(DingTalkMessage message, String text) {
        try {
            send(message, renderer.notice(NOTICE_TITLE, text, message.isGroup() ? message.senderStaffId() : null), Progress.NONE);
        } catch (DingTalkException e) {
            log.warn("dingtalk.reply_failed msgId={} reason={}", message.msgId(), e.getMessage());
        } catch (InterruptedException e) {
            log.warn("dingtalk.reply_abandoned msgId={} reason=shutdown", message.msgId());
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("dingtalk.reply_failed msgId={}", message.msgId(), e);
        }
    }

    private void send(DingTalkMessage message, List<MarkdownMessage> parts, Progress progress)
            throws DingTalkException, InterruptedException {
        // "Started" is recorded when the first byte is about to leave, not before: a crash earlier than that
        // leaves the reply safe to send again after the restart instead of "maybe lost".
        DingTalkHttp.markingFirstWrite(progress::started, () -> replier.send(message, parts));
    }

    private DingTalkMessage origin(InboxItem item) {
        try {
            return addresses.parse(item.inbound().replyAddress());
        } catch (MalformedCallbackException e) {
            // Written by this adapter: a bug, not user input.
            throw new IllegalStateException("inbox item " + item.id() + " has no DingTalk reply address: " + e.getMessage(), e);
        }
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
