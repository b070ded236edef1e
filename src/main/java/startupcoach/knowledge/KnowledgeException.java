package startupcoach.knowledge;

/**
 * The knowledge base cannot be loaded at all (missing directory, no Markdown files, none
 * readable). The message is meant for the person running the bot: it names the absolute path
 * and says what to do. Single unreadable files do not throw; they become
 * {@link KnowledgeBase#warnings()}.
 */
public final class KnowledgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KnowledgeException(String message) {
        super(message);
    }

    public KnowledgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
