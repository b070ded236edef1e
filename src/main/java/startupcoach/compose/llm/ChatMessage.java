package startupcoach.compose.llm;

import java.util.Objects;

/**
 * One message of a chat completion request.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text, never null
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role == null");
        Objects.requireNonNull(content, "content == null");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }
}
