package startupcoach.dingtalk;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Reply;
import startupcoach.pipeline.Outlet;
import startupcoach.pipeline.PendingReply;
import startupcoach.server.DeliveryRetry;

/**
 * Answers with an AI card: delivers it at once in its "processing" state (the asker sees the bot
 * working), then fills in the answer (typed in through the streaming API for a language model's
 * answer) and finishes it with its buttons, or marks it failed.
 *
 * <p>The card's {@code outTrackId} is derived from the message id, so a redelivered message (which
 * the inbox drops anyway) could not create a second card, and an answer resumed after a crash
 * completes the card its first attempt created. When DingTalk says the app lacks
 * {@code Card.Instance.Write}, this replier says so in one log line, sends that answer and every
 * later one as markdown, and tries cards no more in this process; without {@code Card.Streaming.Write}
 * answers are written into the card in one update instead of typed. Thread-safe.
 */
final class CardReplier {

    /** Sends a reply as markdown: what answers go out as when cards cannot be used. */
    @FunctionalInterface
    interface Markdown {
        void send(DingTalkMessage origin, Reply reply) throws DingTalkException, InterruptedException;
    }

    static final String GRANT_HINT = "grant it under 开发者后台 → 应用 → 权限管理 (open-dev.dingtalk.com), then publish the app";
    private static final Logger log = LoggerFactory.getLogger(CardReplier.class);

    private final CardApi cards;
    private final AnswerCard layout;
    private final DeliveryRetry retry;
    private final AtomicReference<String> cardsRefused = new AtomicReference<>();
    private final AtomicReference<String> streamingRefused = new AtomicReference<>();

    CardReplier(CardApi cards, AnswerCard layout) {
        this.cards = cards;
        this.layout = layout;
        this.retry = new DeliveryRetry(DeliveryRetry.Policy.REPLIES, e -> e instanceof DingTalkException d && d.retryable());
    }

    /** False once DingTalk refused cards for a missing permission: answers go out as markdown. */
    boolean active() {
        return cardsRefused.get() == null;
    }

    /**
     * Delivers the card for {@code origin} (unless an earlier attempt did), waits for the reply, and
     * completes the card with it.
     *
     * @param reply      the reply being computed (while the card shows "processing")
     * @param markdown   sends the reply the old way, when cards cannot be used
     * @param progress   told before the card is created, and the card's reference once it exists
     * @param cardExists an earlier, interrupted attempt created this message's card: complete it
     */
    void answer(DingTalkMessage origin, PendingReply reply, Markdown markdown, Outlet.Progress progress, boolean cardExists)
            throws DingTalkException, InterruptedException {
        if (!active()) {
            markdown.send(origin, reply.get());
            return;
        }
        CardSpace space = CardSpace.of(origin);
        String outTrackId = CardIds.outTrackId(origin.msgId());
        String title = AnswerCard.titleOfQuestion(origin.text() == null ? "startup-coach" : Mentions.stripLeading(origin.text()));
        boolean surelyCreated = true;
        try {
            if (!cardExists) {
                progress.started();
                retry.run("card createAndDeliver", () -> cards.createAndDeliver(space, outTrackId, layout.processing(title)));
                progress.sent(DingTalkBot.CARD_REF + outTrackId);
            }
        } catch (DingTalkException e) {
            if (e.missingPermission().isPresent()) {
                refuse(cardsRefused, e.missingPermission().get(), "cards");
                markdown.send(origin, reply.get());
                return;
            }
            if (e.status() > 0) {
                // DingTalk answered with an error, so no card exists: this answer goes out as markdown.
                log.warn("dingtalk.card_failed msgId={} step=create reason={} fallback=markdown", origin.msgId(), e.getMessage());
                markdown.send(origin, reply.get());
                return;
            }
            // No answer at all: the card may exist. Completing it tells (an update of a missing card fails).
            surelyCreated = false;
        }
        Reply answer = reply.get();
        try {
            complete(outTrackId, answer, space);
            log.info("dingtalk.card_sent msgId={} outTrackId={} kind={}", origin.msgId(), outTrackId, answer.kind());
        } catch (DingTalkException e) {
            if (!surelyCreated) {
                log.warn("dingtalk.card_failed msgId={} step=complete reason={} fallback=markdown", origin.msgId(), e.getMessage());
                markdown.send(origin, answer);
                return;
            }
            log.warn("dingtalk.card_failed msgId={} outTrackId={} step=complete reason={}", origin.msgId(), outTrackId, e.getMessage());
            markFailed(outTrackId, title);
            throw e;
        }
    }

    private void complete(String outTrackId, Reply reply, CardSpace space) throws DingTalkException, InterruptedException {
        boolean typed = reply.answer() != null && reply.answer().prose() != null && streamingRefused.get() == null;
        if (typed) {
            try {
                retry.run("card update", () -> cards.update(outTrackId, layout.inputting(MarkdownRenderer.titleOf(reply))));
                retry.run("card streaming", () -> cards.stream(outTrackId, AnswerCard.CONTENT_KEY, layout.content(reply), true));
            } catch (DingTalkException e) {
                if (e.missingPermission().isEmpty()) {
                    throw e;
                }
                refuse(streamingRefused, e.missingPermission().get(), "card streaming");
            }
        }
        retry.run("card update", () -> cards.update(outTrackId, layout.finished(reply, space, cards.callbacks())));
    }

    private void markFailed(String outTrackId, String title) {
        try {
            cards.update(outTrackId, layout.failed(title));
        } catch (DingTalkException e) {
            log.warn("dingtalk.card_fail_state_not_set outTrackId={} reason={}", outTrackId, e.getMessage());
        }
    }

    private static void refuse(AtomicReference<String> flag, String permission, String what) {
        if (flag.compareAndSet(null, permission)) {
            // One line per process: every later answer would repeat it.
            log.warn("dingtalk.{}_unavailable missingPermission={} fallback={} fix=\"{}\"", what.replace(' ', '_'), permission,
                    what.equals("cards") ? "markdown" : "one update", GRANT_HINT);
        }
    }
}
