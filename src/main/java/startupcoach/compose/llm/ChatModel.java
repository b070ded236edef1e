package startupcoach.compose.llm;

import java.util.List;

/**
 * A language model that completes a conversation. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ChatModel {

    /**
     * @param messages the conversation, system message first; never empty
     * @return the model's reply text, never blank
     * @throws LlmException when the model cannot be reached in time or answers with something unusable;
     *                      its message is safe to log and never contains credentials
     */
    String complete(List<ChatMessage> messages) throws LlmException;
}
