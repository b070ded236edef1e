package startupcoach.conversation;

/**
 * The key a conversation's turns are kept under: platform, chat, and the thread within it. A
 * Slack thread is its own conversation; a DingTalk group keeps one conversation per sender (the
 * adapter passes the sender as the thread), so two people's questions never mix.
 */
public final class ConversationKey {

    private ConversationKey() {
    }

    /** @param thread null when the chat is one conversation (a DM, a 1:1 chat, a terminal session) */
    public static String of(String platform, String chat, String thread) {
        return thread == null || thread.isBlank() ? platform + ":" + chat : platform + ":" + chat + ":" + thread;
    }
}
