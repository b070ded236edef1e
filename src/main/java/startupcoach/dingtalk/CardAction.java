package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a card button does when clicked, carried by the button itself (its {@code params}, and its
 * {@code id} as a fallback, both come back in the card callback): any replica, also after a
 * restart, understands a click without remembering the card.
 *
 * @param kind           what the click asks for
 * @param value          the citation (SOURCE), the question (ASK, and the rated question for votes)
 * @param citations      the rated answer's citations (votes only)
 * @param conversationId the chat the card is in
 * @param group          whether that chat is a group
 */
record CardAction(Kind kind, String value, List<String> citations, String conversationId, boolean group) {

    /** The kinds of button on an answer card. */
    enum Kind {
        /** 👍: the answer helped. */
        HELPFUL("up"),
        /** 👎: it did not. */
        NOT_HELPFUL("down"),
        /** 查看原文: show the cited section, as {@code source <citation>} does. */
        SOURCE("source"),
        /** A suggested follow-up question, asked as if typed. */
        ASK("ask");

        final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        static Optional<Kind> of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Prefix of the button ids written here, so other cards' buttons are told apart. */
    static final String ID_PREFIX = "coach.";
    /** Questions are cut to this many characters inside a button: the card's data has a size limit. */
    static final int MAX_VALUE_CHARS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    CardAction {
        Objects.requireNonNull(kind, "kind == null");
        value = value == null ? "" : value;
        citations = citations == null ? List.of() : List.copyOf(citations);
        Objects.requireNonNull(conversationId, "conversationId == null");
    }

    /** The button's {@code params}: flat strings, as the card platform passes them through. */
    Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("coach", kind.wire);
        p.put("value", value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value);
        if (!citations.isEmpty()) {
            p.put("citations", String.join("\n", citations));
        }
        p.put("cid", conversationId);
        p.put("group", Boolean.toString(group));
        return p;
    }

    /** The button id: the same content, base64url-encoded behind {@link #ID_PREFIX}. */
    String id() {
        ObjectNode node = JSON.createObjectNode();
        params().forEach(node::put);
        return ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the action from a card callback's {@code cardPrivateData}: its {@code params} first,
     * else an action id written by {@link #id()}. Empty for a button this bot did not make.
     */
    static Optional<CardAction> from(JsonNode privateData) {
        Optional<CardAction> fromParams = fromParams(privateData.path("params"));
        if (fromParams.isPresent()) {
            return fromParams;
        }
        for (JsonNode id : privateData.path("actionIds")) {
            String text = id.asText("");
            if (text.startsWith(ID_PREFIX)) {
                try {
                    byte[] json = Base64.getUrlDecoder().decode(text.substring(ID_PREFIX.length()));
                    Optional<CardAction> decoded = fromParams(JSON.readTree(json));
                    if (decoded.isPresent()) {
                        return decoded;
                    }
                } catch (IllegalArgumentException | java.io.IOException e) {
                    // Not one of ours after all.
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<CardAction> fromParams(JsonNode p) {
        Optional<Kind> kind = Kind.of(p.path("coach").asText(""));
        String conversation = p.path("cid").asText("");
        if (kind.isEmpty() || conversation.isBlank()) {
            return Optional.empty();
        }
        List<String> citations = new ArrayList<>();
        for (String c : p.path("citations").asText("").split("\n")) {
            if (!c.isBlank()) {
                citations.add(c);
            }
        }
        return Optional.of(new CardAction(kind.get(), p.path("value").asText(""), citations, conversation,
                p.path("group").asBoolean(false) || "true".equals(p.path("group").asText())));
    }
}
