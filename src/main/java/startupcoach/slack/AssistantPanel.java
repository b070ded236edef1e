package startupcoach.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.assistant.SuggestedPrompt;
import com.slack.api.model.event.AssistantThreadContextChangedEvent;
import com.slack.api.model.event.AssistantThreadStartedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.knowledge.Topic;
import startupcoach.retrieve.Language;

/**
 * Slack's assistant panel (the split view a paid workspace shows for an app with
 * {@code features.assistant_view}). {@code assistant_thread_started} gets suggested prompts drawn from
 * the knowledge base's topics; {@code assistant_thread_context_changed} (the user switched channels
 * beside the panel) is acknowledged: answers come from the knowledge base, whatever channel is open.
 * A question in an assistant thread is a DM thread message, handled by {@link MessageEvents}: before
 * it is answered the thread's status says the bot is searching, and the first question names the
 * thread. Every Web API call runs on the {@link ReplyDispatcher}'s workers, never on the
 * acknowledgement path; a failed status or title is logged and the answer still goes out.
 */
final class AssistantPanel {

    /** Slack shows at most four suggested prompts. */
    static final int MAX_PROMPTS = 4;
    private static final Logger log = LoggerFactory.getLogger(AssistantPanel.class);

    private final ReplyDispatcher dispatcher;
    private final SlackSender sender;
    private final Deduplicator dedupe;
    private final Supplier<List<Topic>> topics;
    private final Language language;

    /**
     * @param topics   the documents and chapters of the knowledge base in service, for the suggested prompts
     * @param language the workspace's language, for the prompts and the status
     */
    AssistantPanel(ReplyDispatcher dispatcher, SlackSender sender, Deduplicator dedupe, Supplier<List<Topic>> topics,
                   Language language) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
        this.sender = Objects.requireNonNull(sender, "sender == null");
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
        this.topics = Objects.requireNonNull(topics, "topics == null");
        this.language = Objects.requireNonNull(language, "language == null");
    }

    void register(App app) {
        app.event(AssistantThreadStartedEvent.class, this::onThreadStarted);
        app.event(AssistantThreadContextChangedEvent.class, this::onContextChanged);
    }

    private Response onThreadStarted(EventsApiPayload<AssistantThreadStartedEvent> payload, EventContext ctx) {
        var thread = payload.getEvent().getAssistantThread();
        if (thread == null || thread.getChannelId() == null || thread.getThreadTs() == null) {
            return ctx.ack();
        }
        Optional<ReplyDispatcher.Slot> slot = dispatcher.reserve();
        if (slot.isEmpty()) {
            throw new RedeliverLater("busy, retry later");
        }
        String channel = thread.getChannelId();
        String threadTs = thread.getThreadTs();
        slot.get().run(() -> {
            try {
                sender.setSuggestedPrompts(channel, threadTs, language == Language.EN ? "Try asking" : "可以这样问", prompts());
                log.info("slack.assistant.thread_started channel={} prompts={}", channel, prompts().size());
            } catch (SlackException e) {
                log.warn("slack.assistant.prompts_failed channel={} reason={}", channel, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return ctx.ack();
    }

    private Response onContextChanged(EventsApiPayload<AssistantThreadContextChangedEvent> payload, EventContext ctx) {
        var thread = payload.getEvent().getAssistantThread();
        String viewing = thread == null || thread.getContext() == null ? null : thread.getContext().getChannelId();
        log.info("slack.assistant.context_changed channel={} viewing={}", thread == null ? null : thread.getChannelId(), viewing);
        return ctx.ack();
    }

    /**
     * Called on a reply worker before a question in an assistant thread is answered: sets the
     * "is searching…" status at once and, for the thread's first question, its title.
     */
    void beforeAnswer(Destination.InChannel thread, String question) {
        try {
            boolean en = language == Language.EN;
            sender.setStatus(thread.channel(), thread.threadTs(), en ? "is searching the knowledge base…" : "正在检索知识库…",
                    en ? List.of("Searching the knowledge base…", "Reading the cited sections…")
                            : List.of("正在检索知识库…", "正在阅读相关章节…"));
            if (!question.isBlank() && dedupe.firstTime("slack:assistant:title:" + thread.channel() + ":" + thread.threadTs())) {
                sender.setTitle(thread.channel(), thread.threadTs(), shorten(question, 60));
            }
        } catch (SlackException | StorageUnavailableException e) {
            log.warn("slack.assistant.status_failed channel={} reason={}", thread.channel(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One prompt per document, on its first chapter, in the workspace's language. */
    List<SuggestedPrompt> prompts() {
        List<SuggestedPrompt> prompts = new ArrayList<>();
        for (Topic topic : topics.get()) {
            if (prompts.size() == MAX_PROMPTS) {
                break;
            }
            String chapter = topic.chapters().isEmpty() ? topic.title() : plainChapter(topic.chapters().get(0));
            String message = language == Language.EN
                    ? "What does the knowledge base recommend about “" + chapter + "” (《" + topic.title() + "》)?"
                    : "《" + topic.title() + "》中关于「" + chapter + "」有哪些建议？";
            prompts.add(SuggestedPrompt.builder().title(shorten(chapter, 30)).message(message).build());
        }
        if (prompts.isEmpty()) {
            prompts.add(SuggestedPrompt.builder().title(language == Language.EN ? "Topics" : "知识库主题").message("topics").build());
        }
        return prompts;
    }

    /** "第1章 市场风险" → "市场风险", "2.4 财务风险" → "财务风险". */
    static String plainChapter(String chapter) {
        String plain = chapter.replaceFirst("^\\s*(第[一二三四五六七八九十百0-9]+[章节部分篇]|[0-9]+(\\.[0-9]+)*[.、]?)\\s*", "").strip();
        return plain.isEmpty() ? chapter.strip() : plain;
    }

    private static String shorten(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.codePointCount(0, oneLine.length()) <= max ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, max - 1)) + "…";
    }
}
