package startupcoach.pipeline;

import startupcoach.coach.Coach;
import startupcoach.coach.Reply;

/**
 * How one platform answers an {@link InboxItem}: the only part of the pipeline an adapter writes.
 *
 * <p>{@link #deliver} gets the reply as a {@link PendingReply} rather than a finished {@link Reply}
 * because some platforms show the bot working while the answer is computed (a Slack placeholder
 * after a moment, the assistant panel's status, a DingTalk card in its "processing" state).
 *
 * <p>Implementations are thread-safe: several workers deliver at once.
 */
public interface Outlet {

    /** Whether an earlier, interrupted attempt got the answer out. */
    enum Answered {
        /** It is in the chat: sending again would duplicate it. */
        YES,
        /** It is not in the chat (or delivering again replaces what is there): deliver. */
        NO,
        /** The platform cannot tell. */
        UNKNOWN
    }

    /**
     * Delivers the reply. Calls {@link Progress#started()} just before its first write to the
     * platform and {@link Progress#sent} with what the platform returned for a message a resumed
     * attempt could complete instead of repeating. Handles the platform's failures itself (retrying
     * what certainly failed, logging what did not work); never throws for them.
     *
     * @param item    {@link InboxItem#sentRef()} is what an earlier attempt recorded, or null
     * @throws InterruptedException when shutting down past the deadline; the item stays in the inbox
     */
    void deliver(InboxItem item, PendingReply reply, Progress progress) throws InterruptedException;

    /**
     * Asked before a {@link InboxItem#resumed() resumed} item is delivered again.
     *
     * @throws InterruptedException when shutting down
     */
    Answered alreadyAnswered(InboxItem item) throws InterruptedException;

    /**
     * Computes the reply, on one of the pipeline's compute threads; the default asks the coach with
     * the item's message. A platform with commands of its own (DingTalk's 有用/没用) overrides it.
     */
    default Reply answer(Coach coach, InboxItem item) {
        return coach.handle(item.inbound().message());
    }

    /** What a delivery reports back to the inbox while it runs. */
    interface Progress {

        /** No-op, for deliveries that are not tracked (an apology). */
        Progress NONE = new Progress() {
            @Override
            public void started() {
            }

            @Override
            public void sent(String platformMessageRef) {
            }
        };

        /** The next call writes to the platform. */
        void started();

        /** The platform accepted a message and gave it this reference (a ts, a card id). */
        void sent(String platformMessageRef);
    }
}
