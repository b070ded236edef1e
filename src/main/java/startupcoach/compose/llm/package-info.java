/**
 * The optional language model: an OpenAI-compatible chat client ({@link startupcoach.compose.llm.OpenAiChatClient}
 * behind the one-method {@link startupcoach.compose.llm.ChatModel}), the prompt templates of the
 * repository's {@code prompts/} folder ({@link startupcoach.compose.llm.Prompts}), and query
 * translation for retrieval ({@link startupcoach.compose.llm.LlmQueryTranslator}).
 *
 * <p>Nothing here decides what the user sees: {@link startupcoach.compose.LlmComposer} validates
 * what the model wrote and falls back to quotes. Nothing here runs unless {@code LLM_BASE_URL} is set.
 */
package startupcoach.compose.llm;
