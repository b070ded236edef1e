package startupcoach.pipeline;

import java.util.Objects;

/**
 * An {@link Inbound} as a worker holds it after {@link Inbox#claim claiming} it.
 *
 * @param id       the inbox's id for it
 * @param inbound  the message
 * @param attempts claims so far, this one included: above 1 means an earlier attempt was cut short
 *                 (the process died, or its lease ran out)
 * @param started  an earlier attempt began writing to the platform ({@link Inbox#started}): it may
 *                 have been seen
 * @param sentRef  what the platform returned for a message an earlier attempt posted (a Slack
 *                 placeholder's ts, a DingTalk card's id); null when none
 */
public record InboxItem(long id, Inbound inbound, int attempts, boolean started, String sentRef) {

    public InboxItem {
        Objects.requireNonNull(inbound, "inbound == null");
        if (attempts < 1) {
            throw new IllegalArgumentException("a claimed item has at least one attempt, had " + attempts);
        }
    }

    /** An earlier attempt was cut short: the answer may be out already. */
    public boolean resumed() {
        return attempts > 1;
    }

    /** The first of its dedupe keys (Slack's {@code slack:event:…}, DingTalk's {@code dingtalk:msg:…}), for logs. */
    public String key() {
        return inbound.dedupeKeys().get(0);
    }
}
