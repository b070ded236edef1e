package startupcoach.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.coach.StorageUnavailableException;
import startupcoach.conversation.ConversationKey;
import startupcoach.conversation.ConversationMemory;
import startupcoach.pipeline.Admission;
import startupcoach.pipeline.Inbound;
import startupcoach.pipeline.Pipeline;

/**
 * {@code app_mention} in a channel (answered in the mention's thread), {@code message} in a DM
 * (answered in the DM, in its thread if it has one) and {@code message} in a channel thread the
 * bot already answered in (a follow-up needs no new @mention). Each thread, and a DM outside
 * threads, is one conversation of the coach's memory. Runs on the acknowledgement path, so it only
 * filters and writes the event into the {@link Pipeline}'s inbox.
 *
 * <p>Ignored: messages from any bot (including this one), edits and every subtyped message
 * (Bolt routes {@code message_changed}, {@code bot_message} … to other keys, which are
 * acknowledged and dropped). Delivered once: a retry of the same {@code event_id}, the same
 * {@code client_msg_id}, and the {@code message} twin of an {@code app_mention} (same channel and
 * {@code ts}) are all recognised through the inbox's dedupe keys, written with the event before the ack.
 */
final class MessageEvents {

    static final String PLATFORM = "slack";
    private static final Logger log = LoggerFactory.getLogger(MessageEvents.class);
    private static final Pattern ANY_LEADING_MENTION = Pattern.compile("^\\s*<@[UW][A-Z0-9]+(\\|[^>]*)?>");

    private final Pipeline pipeline;
    private final Clock clock;
    private final boolean assistantPanel;
    private final ConversationMemory conversations;

    /**
     * @param pipeline       the inbox every accepted event is written to before it is acknowledged
     * @param assistantPanel the app has the assistant panel: threaded DMs are its threads
     * @param conversations  tells which threads the bot answered in: a reply there needs no @mention
     */
    MessageEvents(Pipeline pipeline, Clock clock, boolean assistantPanel, ConversationMemory conversations) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.assistantPanel = assistantPanel;
        this.conversations = Objects.requireNonNull(conversations, "conversations == null");
    }

    void register(App app) {
        app.event(AppMentionEvent.class, this::onMention);
        app.event(MessageEvent.class, this::onMessage);
    }

    private Response onMention(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent e = payload.getEvent();
        Optional<String> skip = skipReason(e.getUser(), e.getBotId(), e.getSubtype(), e.getEdited() != null, ctx.getBotUserId());
        if (skip.isPresent()) {
            return ignore("app_mention", skip.get(), ctx);
        }
        String thread = e.getThreadTs() != null ? e.getThreadTs() : e.getTs();
        return accept(new Delivery(payload.getEventId(), e.getClientMsgId(), e.getChannel(), e.getTs(), e.getUser(), e.getText(),
                thread), new Destination.InChannel(e.getChannel(), thread, false, team(e.getUserTeam(), e.getTeam(), ctx)), ctx);
    }

    private Response onMessage(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent e = payload.getEvent();
        Optional<String> skip = skipReason(e.getUser(), e.getBotId(), null, e.getEdited() != null, ctx.getBotUserId());
        boolean dm = "im".equals(e.getChannelType());
        if (skip.isEmpty() && !dm && !inAnsweredThread(e)) {
            // In channels the bot answers mentions (app_mention) and replies in threads it answered
            // in; every other line of the channel is people talking to each other.
            skip = Optional.of("not_addressed");
        }
        if (skip.isPresent()) {
            return ignore("message", skip.get(), ctx);
        }
        // A threaded DM is an assistant panel thread when the app has the panel (Bolt's Assistant
        // middleware tells them apart the same way); without the panel the status call just fails.
        boolean assistant = assistantPanel && e.getThreadTs() != null;
        return accept(new Delivery(payload.getEventId(), e.getClientMsgId(), e.getChannel(), e.getTs(), e.getUser(), e.getText(),
                e.getThreadTs()), new Destination.InChannel(e.getChannel(), e.getThreadTs(), assistant, team(null, e.getTeam(), ctx)), ctx);
    }

    /**
     * A reply inside a thread the bot has answered in (its memory knows the thread). A message that
     * also mentions the bot arrives twice (app_mention and message, same ts): the dedupe answers it once.
     */
    private boolean inAnsweredThread(MessageEvent e) {
        if (e.getThreadTs() == null || e.getChannel() == null || e.getThreadTs().equals(e.getTs())) {
            return false;
        }
        try {
            return conversations.knows(ConversationKey.of(PLATFORM, e.getChannel(), e.getThreadTs()));
        } catch (RuntimeException ex) {
            log.warn("slack.thread_lookup_failed channel={}", e.getChannel(), ex);
            return false;
        }
    }

    /** The parts of an event that decide whether and how it is answered; thread null for a DM outside threads. */
    private record Delivery(String eventId, String clientMsgId, String channel, String ts, String user, String text,
                            String thread) {
    }

    private Response accept(Delivery d, Destination.InChannel destination, EventContext ctx) {
        if (d.channel() == null || d.user() == null) {
            return ignore("event", "incomplete", ctx);
        }
        String text = Mrkdwn.unescape(stripMention(d.text() == null ? "" : d.text(), ctx.getBotUserId()));
        String answerId = d.eventId() != null ? d.eventId() : d.channel() + ":" + d.ts();
        Inbound inbound = new Inbound(PLATFORM, d.channel(), d.thread(), d.user(), text, keys(d), clock.instant(),
                new SlackOutlet.Address(destination, answerId).toJson());
        Admission admission;
        try {
            // In the inbox (with every dedupe key, one transaction) before the ack: a crash after it loses nothing.
            admission = pipeline.accept(inbound);
        } catch (StorageUnavailableException e) {
            // Whether this event was answered is unknown without the database: not acknowledged,
            // so Slack redelivers it (after about a minute, then five) when the database is back.
            log.error("slack.event.deferred event={} channel={} reason=database_unavailable", d.eventId(), d.channel());
            throw new RedeliverLater("storage unavailable, retry later");
        }
        switch (admission) {
            case ACCEPTED -> log.info("slack.event.accepted event={} channel={} chars={}", d.eventId(), d.channel(), text.length());
            case DUPLICATE -> log.info("slack.event.duplicate event={} channel={} retry={}", d.eventId(), d.channel(), ctx.getRetryNum());
            case TOO_OLD -> log.info("slack.event.ignored event={} channel={} reason=too_old", d.eventId(), d.channel());
            case OVERLOADED, CLOSED -> {
                // Not acknowledged: Slack redelivers later, when there is room again (or to another replica).
                log.warn("slack.busy event={} channel={}", d.eventId(), d.channel());
                throw new RedeliverLater("busy, retry later");
            }
        }
        return ctx.ack();
    }

    /** Every key of the delivery: a retry repeats the event id, the message twin of a mention its channel and ts. */
    private static List<String> keys(Delivery d) {
        List<String> keys = new ArrayList<>();
        if (d.eventId() != null) {
            keys.add("slack:event:" + d.eventId());
        }
        if (d.clientMsgId() != null) {
            keys.add("slack:msg:" + d.clientMsgId());
        }
        if (d.ts() != null) {
            keys.add("slack:ts:" + d.channel() + ":" + d.ts());
        }
        return keys;
    }

    private static Optional<String> skipReason(String user, String botId, String subtype, boolean edited, String botUserId) {
        if (botId != null) {
            return Optional.of("bot_message");
        }
        if (user != null && user.equals(botUserId)) {
            return Optional.of("own_message");
        }
        if (subtype != null) {
            return Optional.of("subtype_" + subtype);
        }
        if (edited) {
            return Optional.of("edited");
        }
        return Optional.empty();
    }

    private static Response ignore(String type, String reason, EventContext ctx) {
        log.debug("slack.event.ignored type={} reason={}", type, reason);
        return ctx.ack();
    }

    /** The asker's team: in a shared channel their own, not the channel's; else the workspace's. */
    private static String team(String userTeam, String team, EventContext ctx) {
        return userTeam != null ? userTeam : team != null ? team : ctx.getTeamId();
    }

    /** Removes this bot's mention wherever it is, or a leading mention when the bot's id is unknown. */
    static String stripMention(String text, String botUserId) {
        String out = botUserId == null
                ? ANY_LEADING_MENTION.matcher(text).replaceFirst("")
                : text.replaceAll("<@" + Pattern.quote(botUserId) + "(\\|[^>]*)?>", " ");
        return out.replaceAll("[ \\t]{2,}", " ").strip();
    }
}
