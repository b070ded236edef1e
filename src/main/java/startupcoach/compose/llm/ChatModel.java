package startupcoach.compose.llm;

import java.util.List;
import java.util.function.Consumer;

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

    /**
     * Like {@link #complete(List)}, handing each piece of the reply to {@code deltas} as the model
     * writes it, so a chat can show the answer while it grows. The pieces joined are the returned
     * text. A failure after some pieces were handed over still throws: the caller decides what to
     * do with what it has shown. The default, for models that cannot stream, completes and hands
     * over the whole reply as one piece.
     *
     * @param deltas called on the calling thread, in order; must be quick and must not throw
     */
    default String stream(List<ChatMessage> messages, Consumer<String> deltas) throws LlmException {
        String reply = complete(messages);
        deltas.accept(reply);
        return reply;
    }
}
