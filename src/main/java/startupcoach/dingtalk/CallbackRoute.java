package startupcoach.dingtalk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.server.HttpRequest;
import startupcoach.server.HttpResponse;
import startupcoach.server.HttpRoute;

/**
 * {@code POST /dingtalk/callback}: DingTalk's HTTP message receiving mode. Checks the signature
 * before reading the body, answers 200 at once and leaves the answer to the worker pool, because
 * DingTalk gives up on a slow callback and retrieval plus the reply can take seconds.
 */
final class CallbackRoute implements HttpRoute {

    /**
     * An empty reply body would be shown as nothing anyway; {@code empty} says so explicitly,
     * since the real answer goes through the sessionWebhook.
     */
    static final String ACK = "{\"msgtype\":\"empty\"}";
    private static final Logger log = LoggerFactory.getLogger(CallbackRoute.class);

    private final CallbackSignature signature;
    private final MessageParser parser;
    private final MessageIntake intake;

    CallbackRoute(CallbackSignature signature, MessageParser parser, MessageIntake intake) {
        this.signature = signature;
        this.parser = parser;
        this.intake = intake;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!"POST".equals(request.method())) {
            return HttpResponse.text(405, "POST only");
        }
        CallbackSignature.Verdict verdict = signature.verify(request.header("timestamp").orElse(null),
                request.header("sign").orElse(null));
        if (verdict != CallbackSignature.Verdict.VALID) {
            // Only the verdict: header values could help an attacker tune a forgery.
            log.warn("dingtalk.callback_rejected reason={} bytes={}", verdict, request.body().length);
            return HttpResponse.text(401, "invalid signature");
        }
        DingTalkMessage message;
        try {
            message = parser.parse(request.bodyText());
        } catch (MalformedCallbackException e) {
            log.warn("dingtalk.callback_malformed reason={}", e.getMessage());
            return HttpResponse.text(400, "not a DingTalk robot message");
        }
        MessageIntake.Outcome outcome = intake.accept(message, "http");
        if (outcome == MessageIntake.Outcome.STORAGE_UNAVAILABLE) {
            // The callback is not redelivered: the sender is asked to send the question again.
            intake.apologize(message);
            return HttpResponse.text(503, "storage unavailable, retry later");
        }
        if (outcome == MessageIntake.Outcome.OVERLOADED) {
            return HttpResponse.text(503, "busy, retry later");
        }
        return HttpResponse.json(200, ACK);
    }
}
