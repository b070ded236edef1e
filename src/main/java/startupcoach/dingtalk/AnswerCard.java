package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.retrieve.Language;

/**
 * The variables ({@code cardParamMap}) of DingTalk's built-in AI card in each state of an answer:
 * {@code msgTitle}, the markdown {@code msgContent}, {@code flowStatus} (1 processing, 2 typing, 3
 * finished, 5 failed) and {@code sys_full_json_obj}, which orders the parts and holds the buttons
 * ({@code msgButtons}: text, colour, id, {@code request: true} for a callback, {@code params}). Every
 * value is a string: the card API refuses numbers. Stateless and thread-safe.
 */
final class AnswerCard {

    static final String PROCESSING = "1";
    static final String INPUTING = "2";
    static final String FINISHED = "3";
    static final String FAILED = "5";
    static final String CONTENT_KEY = "msgContent";
    static final String SEARCHING = "正在检索知识库… Searching the knowledge base…";
    static final String FAILED_TEXT = "抱歉，这次没能回答，请稍后再问一次。Sorry, that did not work: please ask again in a moment.";
    /** Buttons per card, at most: 👍, 👎, up to three sections and three follow-ups. */
    static final int MAX_SOURCE_BUTTONS = 3;
    static final int MAX_FOLLOW_UP_BUTTONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MarkdownRenderer markdown;

    AnswerCard(MarkdownRenderer markdown) {
        this.markdown = markdown;
    }

    /** The card as first delivered, before the answer exists: the card shows its "thinking" state. */
    Map<String, String> processing(String title) {
        return params(PROCESSING, title, SEARCHING, List.of());
    }

    /** The card while a language model's answer is typed into {@code msgContent}. */
    Map<String, String> inputting(String title) {
        return params(INPUTING, title, "", List.of());
    }

    /**
     * The finished card: the whole reply and, when {@code origin} can take clicks, its buttons.
     *
     * @param buttons whether clicks come back to the bot (a card without a callback gets none)
     */
    Map<String, String> finished(Reply reply, CardSpace origin, boolean buttons) {
        return params(FINISHED, MarkdownRenderer.titleOf(reply), markdown.cardMarkdown(reply),
                buttons ? buttons(reply, origin) : List.of());
    }

    /** A card whose answer could not be produced or delivered. */
    Map<String, String> failed(String title) {
        return params(FAILED, title, FAILED_TEXT, List.of());
    }

    /** The reply's markdown, as typed into the card. */
    String content(Reply reply) {
        return markdown.cardMarkdown(reply);
    }

    static String titleOfQuestion(String question) {
        return MarkdownRenderer.shorten(question.strip().replaceAll("\\s+", " "), MarkdownRenderer.MAX_TITLE_CHARS);
    }

    /** 👍 / 👎 for an answer, 查看原文 per cited section, then the suggested follow-ups. */
    static List<Button> buttons(Reply reply, CardSpace origin) {
        if (reply.kind() != ReplyKind.ANSWER || reply.answer() == null) {
            return List.of();
        }
        Answer answer = reply.answer();
        boolean en = answer.language() == Language.EN;
        List<Button> buttons = new ArrayList<>();
        if (answer.covered()) {
            List<String> citations = answer.groups().stream().map(CitedGroup::citation).toList();
            buttons.add(new Button(en ? "👍 Helpful" : "👍 有用", "blue",
                    new CardAction(CardAction.Kind.HELPFUL, answer.question(), citations, origin.conversationId(), origin.group())));
            buttons.add(new Button(en ? "👎 Not helpful" : "👎 没用", "gray",
                    new CardAction(CardAction.Kind.NOT_HELPFUL, answer.question(), citations, origin.conversationId(), origin.group())));
            for (CitedGroup group : answer.groups().subList(0, Math.min(MAX_SOURCE_BUTTONS, answer.groups().size()))) {
                buttons.add(new Button((en ? "Full section · " : "查看原文 · ") + MarkdownRenderer.shorten(group.section().heading(), 16),
                        "gray", new CardAction(CardAction.Kind.SOURCE, group.citation(), List.of(), origin.conversationId(), origin.group())));
            }
        }
        for (String followUp : answer.followUps().subList(0, Math.min(MAX_FOLLOW_UP_BUTTONS, answer.followUps().size()))) {
            buttons.add(new Button(MarkdownRenderer.shorten(followUp, 40), "gray",
                    new CardAction(CardAction.Kind.ASK, followUp, List.of(), origin.conversationId(), origin.group())));
        }
        return buttons;
    }

    /** One card button. */
    record Button(String text, String color, CardAction action) {
    }

    private static Map<String, String> params(String flowStatus, String title, String content, List<Button> buttons) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("flowStatus", flowStatus);
        params.put("msgTitle", title);
        params.put(CONTENT_KEY, content);
        params.put("sys_full_json_obj", layout(buttons));
        return params;
    }

    private static String layout(List<Button> buttons) {
        ObjectNode layout = JSON.createObjectNode();
        ArrayNode order = layout.putArray("order");
        order.add("msgTitle").add(CONTENT_KEY);
        if (!buttons.isEmpty()) {
            order.add("msgButtons");
            ArrayNode list = layout.putArray("msgButtons");
            for (Button b : buttons) {
                ObjectNode node = list.addObject().put("text", b.text()).put("color", b.color()).put("id", b.action().id())
                        .put("request", true);
                ObjectNode params = node.putObject("params");
                b.action().params().forEach(params::put);
            }
        }
        return layout.toString();
    }
}
