package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * DingTalk's card OpenAPI, as the robot: {@code POST /v1.0/card/instances/createAndDeliver} (needs
 * the permission {@code Card.Instance.Write}), {@code PUT /v1.0/card/instances} to change a card's
 * variables, and {@code PUT /v1.0/card/streaming} to type into one (needs {@code Card.Streaming.Write}).
 * Cards are addressed by an {@code outTrackId} chosen by the caller. Thread-safe.
 */
final class CardApi {

    private final OpenApi api;
    private final String templateId;
    private final String robotCode;
    private final boolean streamCallbacks;

    /**
     * @param templateId      the card template, e.g. the built-in AI card
     * @param robotCode       the robot that sends group cards
     * @param streamCallbacks whether button clicks come back over the Stream connection; without it
     *                        cards are created without a callback
     */
    CardApi(OpenApi api, String templateId, String robotCode, boolean streamCallbacks) {
        this.api = api;
        this.templateId = templateId;
        this.robotCode = robotCode;
        this.streamCallbacks = streamCallbacks;
    }

    boolean callbacks() {
        return streamCallbacks;
    }

    /** Creates the card {@code outTrackId} with {@code params} and shows it in {@code space}. */
    void createAndDeliver(CardSpace space, String outTrackId, Map<String, String> params) throws DingTalkException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cardTemplateId", templateId);
        body.put("outTrackId", outTrackId);
        if (streamCallbacks) {
            body.put("callbackType", "STREAM");
        }
        body.put("cardData", Map.of("cardParamMap", params));
        body.putAll(space.deliveryFields(robotCode));
        JsonNode result = api.post("card createAndDeliver", "/v1.0/card/instances/createAndDeliver", body);
        if (result.path("success").isBoolean() && !result.path("success").asBoolean()) {
            throw new DingTalkException("card createAndDeliver refused: " + result.path("message").asText("success=false"), 200, false);
        }
        for (JsonNode delivered : result.path("result").path("deliverResults")) {
            if (!delivered.path("success").asBoolean(true)) {
                throw new DingTalkException("card not delivered to " + delivered.path("spaceType").asText("?") + ": "
                        + delivered.path("errorMsg").asText(""), 200, false);
            }
        }
    }

    /** Replaces the named variables of card {@code outTrackId}; the others keep their values. */
    void update(String outTrackId, Map<String, String> params) throws DingTalkException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outTrackId", outTrackId);
        body.put("cardData", Map.of("cardParamMap", params));
        body.put("cardUpdateOptions", Map.of("updateCardDataByKey", true));
        api.put("card update", "/v1.0/card/instances", body);
    }

    /**
     * Types {@code content} into the card's variable {@code key} (the whole text so far: {@code isFull}).
     *
     * @param finalize the last piece: the typing cursor stops
     */
    void stream(String outTrackId, String key, String content, boolean finalize) throws DingTalkException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outTrackId", outTrackId);
        // The guid names this piece of the stream; each piece gets its own.
        body.put("guid", UUID.randomUUID().toString());
        body.put("key", key);
        body.put("content", content);
        body.put("isFull", true);
        body.put("isFinalize", finalize);
        body.put("isError", false);
        api.put("card streaming", "/v1.0/card/streaming", body);
    }
}
