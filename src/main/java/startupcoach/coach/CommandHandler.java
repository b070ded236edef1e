package startupcoach.coach;

import startupcoach.compose.DraftListener;

/**
 * One chat command, such as {@code topics} or {@code source 4.4.3}. Registered with the
 * {@link Coach} under one or more names; later features (digests, feedback) add their own.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @param message the whole message
     * @param args    what followed the command name, stripped (may be empty)
     */
    Reply handle(IncomingMessage message, String args);

    /**
     * Handles the message while showing an answer being written to {@code drafts} (see
     * {@link DraftListener}). Commands that do not compose an answer ignore it, as the default does.
     */
    default Reply handle(IncomingMessage message, String args, DraftListener drafts) {
        return handle(message, args);
    }

    /** A handler that composes answers and so passes the {@link DraftListener} on; write it as a lambda of three. */
    @FunctionalInterface
    interface Drafting extends CommandHandler {

        @Override
        Reply handle(IncomingMessage message, String args, DraftListener drafts);

        @Override
        default Reply handle(IncomingMessage message, String args) {
            return handle(message, args, DraftListener.NONE);
        }
    }
}
