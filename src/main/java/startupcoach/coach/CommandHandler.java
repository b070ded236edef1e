package startupcoach.coach;

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
}
