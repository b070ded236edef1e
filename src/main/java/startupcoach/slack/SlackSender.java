package startupcoach.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.assistant.threads.AssistantThreadsSetStatusRequest;
import com.slack.api.methods.request.assistant.threads.AssistantThreadsSetSuggestedPromptsRequest;
import com.slack.api.methods.request.assistant.threads.AssistantThreadsSetTitleRequest;
import com.slack.api.methods.request.chat.ChatAppendStreamRequest;
import com.slack.api.methods.request.chat.ChatDeleteRequest;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatStartStreamRequest;
import com.slack.api.methods.request.chat.ChatStopStreamRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.model.Message;
import com.slack.api.model.assistant.SuggestedPrompt;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.server.DeliveryRetry;

/**
 * Sends messages to Slack: {@code chat.postMessage} (paced per channel), {@code chat.update}, the
 * {@code chat.*Stream} methods of streamed answers, and POSTs to a {@code response_url}. A 429 is retried after its {@code Retry-After} seconds, a few
 * times at most; any other failure becomes a {@link SlackException}. Blocking; called from the
 * bounded reply workers only, never on the acknowledgement path. Thread-safe.
 */
final class SlackSender {

    static final int MAX_ATTEMPTS = 4;
    /** A Retry-After longer than this is capped: a reply that late has lost its point anyway. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(30);
    /**
     * {@code ok:false} errors after which Slack has certainly not posted and may accept the same
     * call later. Not {@code internal_error} or {@code fatal_error}: Slack says part of the
     * operation may have succeeded.
     */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "service_unavailable");
    private static final Logger log = LoggerFactory.getLogger(SlackSender.class);

    /** Waits out a {@code Retry-After}; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Slack slack;
    private final MethodsClient methods;
    private final ChannelPacer pacer;
    private final Gson gson;
    private final Sleeper sleeper;

    SlackSender(Slack slack, String botToken, ChannelPacer pacer) {
        this(slack, botToken, pacer, d -> TimeUnit.MILLISECONDS.sleep(d.toMillis()));
    }

    SlackSender(Slack slack, String botToken, ChannelPacer pacer, Sleeper sleeper) {
        this.slack = Objects.requireNonNull(slack, "slack == null");
        this.methods = slack.methods(Objects.requireNonNull(botToken, "botToken == null"));
        this.pacer = Objects.requireNonNull(pacer, "pacer == null");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
        // Slack's JSON is snake_case ("replace_original", "response_type").
        this.gson = GsonFactory.createSnakeCase(slack.getConfig());
    }

    /** Posts into a channel (in a thread when {@code threadTs} is not null); returns the message's {@code ts}. */
    String post(String channel, String threadTs, SlackMessage message) throws InterruptedException {
        return post(channel, threadTs, message, null);
    }

    /**
     * Like {@link #post(String, String, SlackMessage)}, with Slack message metadata (an event type and
     * a small payload that other apps and the tests can read back), or null for none.
     */
    String post(String channel, String threadTs, SlackMessage message, Message.Metadata metadata) throws InterruptedException {
        pacer.acquire(channel);
        ChatPostMessageRequest request = ChatPostMessageRequest.builder().channel(channel).threadTs(threadTs)
                .text(message.text()).blocks(message.blocks()).metadata(metadata).build();
        return call("chat.postMessage", () -> methods.chatPostMessage(request)).getTs();
    }

    /** Replaces a message this bot posted. Not paced: updates do not count as new posts. */
    void update(String channel, String ts, SlackMessage message) throws InterruptedException {
        update(channel, ts, message, null);
    }

    /** Like {@link #update(String, String, SlackMessage)}, setting message metadata (or none when null). */
    void update(String channel, String ts, SlackMessage message, Message.Metadata metadata) throws InterruptedException {
        ChatUpdateRequest request = ChatUpdateRequest.builder().channel(channel).ts(ts)
                .text(message.text()).blocks(message.blocks()).metadata(metadata).build();
        call("chat.update", () -> methods.chatUpdate(request));
    }

    /**
     * {@code chat.startStream}: a new message in the thread that the text is then appended to, for
     * {@code recipientUser} (of {@code recipientTeam}), whom Slack requires outside DMs. Paced as a
     * new post. Returns the message's {@code ts}.
     */
    String startStream(String channel, String threadTs, String recipientUser, String recipientTeam, String markdownText)
            throws InterruptedException {
        pacer.acquire(channel);
        ChatStartStreamRequest request = ChatStartStreamRequest.builder().channel(channel).threadTs(threadTs)
                .recipientUserId(recipientUser).recipientTeamId(recipientTeam).markdownText(markdownText).build();
        return call("chat.startStream", () -> methods.chatStartStream(request)).getTs();
    }

    /** {@code chat.appendStream}: more text at the end of a streaming message. */
    void appendStream(String channel, String ts, String markdownText) throws InterruptedException {
        ChatAppendStreamRequest request = ChatAppendStreamRequest.builder().channel(channel).ts(ts).markdownText(markdownText).build();
        call("chat.appendStream", () -> methods.chatAppendStream(request));
    }

    /**
     * {@code chat.stopStream}: ends a streaming message, with the last text (or null) and blocks shown
     * below the streamed text (or null for none).
     */
    void stopStream(String channel, String ts, String markdownText, List<LayoutBlock> blocks, Message.Metadata metadata)
            throws InterruptedException {
        ChatStopStreamRequest request = ChatStopStreamRequest.builder().channel(channel).ts(ts).markdownText(markdownText)
                .blocks(blocks).metadata(metadata).build();
        call("chat.stopStream", () -> methods.chatStopStream(request));
    }

    /**
     * The bot-visible messages of a thread ({@code conversations.replies}) or, when {@code threadTs} is
     * null, of the channel ({@code conversations.history}) since {@code oldestTs}, with their metadata.
     */
    List<Message> recent(String channel, String threadTs, String oldestTs) throws InterruptedException {
        if (threadTs != null) {
            ConversationsRepliesRequest request = ConversationsRepliesRequest.builder().channel(channel).ts(threadTs)
                    .oldest(oldestTs).includeAllMetadata(true).limit(200).build();
            List<Message> out = call("conversations.replies", () -> methods.conversationsReplies(request)).getMessages();
            return out == null ? List.of() : out;
        }
        ConversationsHistoryRequest request = ConversationsHistoryRequest.builder().channel(channel).oldest(oldestTs)
                .includeAllMetadata(true).limit(200).build();
        List<Message> out = call("conversations.history", () -> methods.conversationsHistory(request)).getMessages();
        return out == null ? List.of() : out;
    }

    /** {@code chat.delete}: removes a message this bot posted (a placeholder a streamed answer replaced). */
    void delete(String channel, String ts) throws InterruptedException {
        ChatDeleteRequest request = ChatDeleteRequest.builder().channel(channel).ts(ts).build();
        call("chat.delete", () -> methods.chatDelete(request));
    }

    /** {@code assistant.threads.setStatus}: "is searching…" under the thread, until the bot replies there. */
    void setStatus(String channel, String threadTs, String status, List<String> loadingMessages) throws InterruptedException {
        AssistantThreadsSetStatusRequest request = AssistantThreadsSetStatusRequest.builder().channelId(channel).threadTs(threadTs)
                .status(status).loadingMessages(loadingMessages).build();
        call("assistant.threads.setStatus", () -> methods.assistantThreadsSetStatus(request));
    }

    /** {@code assistant.threads.setTitle}: the thread's name in the assistant's history. */
    void setTitle(String channel, String threadTs, String title) throws InterruptedException {
        AssistantThreadsSetTitleRequest request = AssistantThreadsSetTitleRequest.builder().channelId(channel).threadTs(threadTs)
                .title(title).build();
        call("assistant.threads.setTitle", () -> methods.assistantThreadsSetTitle(request));
    }

    /** {@code assistant.threads.setSuggestedPrompts}: up to four prompts shown in a new assistant thread. */
    void setSuggestedPrompts(String channel, String threadTs, String title, List<SuggestedPrompt> prompts) throws InterruptedException {
        AssistantThreadsSetSuggestedPromptsRequest request = AssistantThreadsSetSuggestedPromptsRequest.builder().channelId(channel)
                .threadTs(threadTs).title(title).prompts(prompts).build();
        call("assistant.threads.setSuggestedPrompts", () -> methods.assistantThreadsSetSuggestedPrompts(request));
    }

    /**
     * Answers through a {@code response_url} (slash commands, buttons).
     *
     * @param ephemeral       only the user sees it
     * @param replaceOriginal replace the message the URL belongs to instead of adding one
     */
    void respond(String responseUrl, SlackMessage message, boolean ephemeral, boolean replaceOriginal)
            throws InterruptedException {
        ActionResponse body = ActionResponse.builder().responseType(ephemeral ? "ephemeral" : "in_channel")
                .text(message.text()).blocks(message.blocks()).replaceOriginal(replaceOriginal).build();
        String json = gson.toJson(body);
        for (int attempt = 1; ; attempt++) {
            WebhookResponse response;
            try {
                response = slack.send(responseUrl, json);
            } catch (IOException e) {
                throw new SlackException("response_url failed: " + e.getClass().getSimpleName(), DeliveryRetry.neverSent(e), e);
            }
            int code = response.getCode() == null ? 0 : response.getCode();
            if (code == 429 && attempt < MAX_ATTEMPTS) {
                waitRetryAfter("response_url", header(response.getHeaders(), "retry-after"), attempt, sleeper);
                continue;
            }
            if (code / 100 != 2) {
                throw new SlackException("response_url failed: HTTP " + code, code == 429 || code >= 500, null);
            }
            return;
        }
    }

    @FunctionalInterface
    private interface ApiCall<T> {
        T run() throws IOException, SlackApiException;
    }

    private <T extends SlackApiTextResponse> T call(String method, ApiCall<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                T response = call.run();
                if (!response.isOk()) {
                    throw new SlackException(method + " failed: " + response.getError(),
                            TRANSIENT_ERRORS.contains(response.getError()), null);
                }
                return response;
            } catch (SlackApiException e) {
                int code = e.getResponse().code();
                if (code == 429 && attempt < MAX_ATTEMPTS) {
                    waitRetryAfter(method, e.getResponse().header("Retry-After"), attempt, sleeper);
                    continue;
                }
                String error = e.getError() != null ? e.getError().getError() : null;
                // Slack answers 429 and 5xx without having posted: safe to try again later.
                throw new SlackException(method + " failed: HTTP " + code + (error == null ? "" : " " + error),
                        code == 429 || code >= 500, e);
            } catch (IOException e) {
                throw new SlackException(method + " failed: " + e.getClass().getSimpleName(), DeliveryRetry.neverSent(e), e);
            }
        }
    }

    private static void waitRetryAfter(String method, String retryAfter, int attempt, Sleeper sleeper) throws InterruptedException {
        Duration wait = retryAfter(retryAfter);
        log.warn("slack.rate_limited method={} retryAfterMs={} attempt={}", method, wait.toMillis(), attempt);
        sleeper.sleep(wait);
    }

    /** Slack sends whole seconds; a missing or odd value means one second. */
    static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.strip());
            Duration d = Duration.ofSeconds(Math.max(seconds, 0));
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
