package startupcoach.coach;

/** What a {@link Reply} is, so platforms can pick a layout (and log outcomes) without parsing text. */
public enum ReplyKind {
    /** A composed answer; {@link Reply#answer()} is present. */
    ANSWER,
    /** Usage help, also the reply to an empty message. */
    HELP,
    /** What the knowledge base covers. */
    TOPICS,
    /** The full text of one section; {@link Reply#section()} is present. */
    SOURCE,
    /** A digest command's outcome: subscribed, listed, stopped, previewed. */
    DIGEST,
    /** An admin command's outcome (a finished re-index). */
    ADMIN,
    /** The user asked for something that cannot be done; the text says what to do instead. */
    ERROR
}
