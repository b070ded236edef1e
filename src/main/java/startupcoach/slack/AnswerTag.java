package startupcoach.slack;

import com.slack.api.model.Message;
import java.util.Map;
import java.util.Objects;
import startupcoach.pipeline.Outlet;

/**
 * How one answer from the inbox is marked in Slack, so that a resumed attempt can tell whether it
 * already went out: the answer's first message carries message metadata {@code event_type}
 * {@value #EVENT_TYPE} with {@code event_payload {"event_id": …}} (set on {@code chat.postMessage},
 * the {@code chat.update} of a placeholder, or {@code chat.stopStream}); the placeholder's ts is
 * reported through {@link Outlet.Progress#sent}, so a resumed attempt updates that placeholder
 * instead of leaving it and posting another.
 *
 * @param metadata the answer's metadata, or null for an answer not from the inbox
 * @param progress told before the first write and about the placeholder
 * @param resumeTs the placeholder an earlier attempt posted, or null
 */
record AnswerTag(Message.Metadata metadata, Outlet.Progress progress, String resumeTs) {

    /** The metadata {@code event_type} of answers. */
    static final String EVENT_TYPE = "coach_answer";
    /** Untracked: slash commands and button follow-ups. */
    static final AnswerTag NONE = new AnswerTag(null, Outlet.Progress.NONE, null);

    AnswerTag {
        Objects.requireNonNull(progress, "progress == null");
    }

    /** The tag of the answer to Slack event {@code eventId}. */
    static AnswerTag forEvent(String eventId, Outlet.Progress progress, String resumeTs) {
        return new AnswerTag(Message.Metadata.builder().eventType(EVENT_TYPE).eventPayload(Map.of("event_id", eventId)).build(),
                progress, resumeTs);
    }

    /** Whether {@code m} is the answer to {@code eventId}. */
    static boolean answers(Message m, String eventId) {
        Message.Metadata meta = m.getMetadata();
        return meta != null && EVENT_TYPE.equals(meta.getEventType()) && meta.getEventPayload() != null
                && eventId.equals(String.valueOf(meta.getEventPayload().get("event_id")));
    }
}
