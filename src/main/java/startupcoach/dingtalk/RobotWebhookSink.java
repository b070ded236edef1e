package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.digest.Digest;
import startupcoach.digest.DigestDeliveryException;
import startupcoach.digest.DigestSink;
import startupcoach.digest.DigestTarget;
import startupcoach.digest.RobotWebhook;

/**
 * Posts scheduled digests into DingTalk groups through each group's custom robot, stored with
 * {@code digest webhook <url> <secret>} ({@link DigestTarget#webhook()}): markdown messages, the
 * URL signed per request ({@link RobotSigning}), at most 20 messages a minute per robot (a 21st
 * waits, {@link RobotRateLimiter}). Needs no app credentials: the webhook alone posts.
 *
 * <p>DingTalk answers HTTP 200 with {@code {"errcode":…}}: 0 is posted; {@value #TOO_FAST}
 * (sending too fast) is retryable, as are HTTP 5xx and a refused connection, but only while no
 * part of the digest is in the group yet; any other code (a wrong secret, a removed robot) and an
 * unknown outcome (a timeout) are final. A group without a webhook is refused, final, with what
 * to send.
 *
 * <pre>{@code
 * DigestSink dingtalk = RobotWebhookSink.create();
 * }</pre>
 *
 * <p>Thread-safe. Calls are synchronous, so the sink starts no threads and holds nothing that
 * needs closing (idle connections are dropped by OkHttp's pool).
 */
public final class RobotWebhookSink implements DigestSink {

    /** errcode: the robot sent more than 20 messages in a minute. */
    static final int TOO_FAST = 130101;
    /** A group's digests go through its own custom robot, which someone in the group adds. */
    static final String SETUP_HINT = "Add a custom robot (group settings → 智能群助手 → 添加机器人 → 自定义, security: 加签)";
    private static final int MAX_ERRMSG_CHARS = 200;
    private static final Logger log = LoggerFactory.getLogger(RobotWebhookSink.class);

    private final DingTalkHttp http;
    private final DigestMarkdown renderer;
    private final RobotRateLimiter limiter;
    private final Clock clock;

    RobotWebhookSink(DingTalkHttp http, DigestMarkdown renderer, RobotRateLimiter limiter, Clock clock) {
        this.http = Objects.requireNonNull(http, "http == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
        this.limiter = Objects.requireNonNull(limiter, "limiter == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** With the system clock, real waits and DingTalk's message size. */
    public static RobotWebhookSink create() {
        Clock clock = Clock.systemUTC();
        return new RobotWebhookSink(new DingTalkHttp(new ObjectMapper()), new DigestMarkdown(MarkdownRenderer.MAX_TEXT_CHARS),
                new RobotRateLimiter(clock, d -> TimeUnit.MILLISECONDS.sleep(d.toMillis())), clock);
    }

    @Override
    public java.util.Optional<String> webhookSetupHint() {
        return java.util.Optional.of(SETUP_HINT);
    }

    @Override
    public void deliver(DigestTarget target, Digest digest) throws DigestDeliveryException {
        RobotWebhook webhook = target.webhook();
        if (webhook == null) {
            throw new DigestDeliveryException("dingtalk: group " + target.conversationId() + " has no robot webhook; someone in"
                    + " the group must send: digest webhook <url> <secret>", false);
        }
        List<MarkdownMessage> parts = renderer.render(digest);
        for (int i = 0; i < parts.size(); i++) {
            send(webhook, parts.get(i), i, parts.size());
        }
        log.info("dingtalk.digest.posted subscription={} robot={} parts={}", target.subscriptionId(), webhook.safeUrl(),
                parts.size());
    }

    /** @param posted how many parts of this digest are already in the group */
    private void send(RobotWebhook webhook, MarkdownMessage part, int posted, int parts) throws DigestDeliveryException {
        // Only while nothing is in the group: a retry of a later part would post the earlier ones again.
        boolean safe = posted == 0;
        String progress = posted == 0 ? "" : " (after " + posted + " of " + parts + " parts were posted)";
        try {
            limiter.acquire(webhook.url());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DigestDeliveryException("dingtalk: interrupted while waiting for the robot's rate limit" + progress, safe, e);
        }
        // Signed after any wait: DingTalk refuses a timestamp more than an hour off.
        String url = RobotSigning.signedUrl(webhook.url(), webhook.secret(), clock.millis());
        JsonNode result;
        try {
            result = http.post("robot webhook", url, SessionWebhook.body(part), Map.of());
        } catch (DingTalkException e) {
            boolean notSent = e.status() >= 500 || e.status() == 429 || neverSent(e.getCause());
            throw new DigestDeliveryException("dingtalk: " + e.getMessage() + progress, notSent && safe, e);
        }
        int errcode = result.path("errcode").asInt(-1);
        if (errcode == 0) {
            return;
        }
        String errmsg = result.path("errmsg").asText("");
        errmsg = errmsg.length() > MAX_ERRMSG_CHARS ? errmsg.substring(0, MAX_ERRMSG_CHARS) : errmsg;
        String message = errcode == -1 ? "dingtalk: robot webhook answered without an errcode" + progress
                : "dingtalk: robot webhook refused the digest: errcode=" + errcode + " errmsg=" + errmsg + progress;
        throw new DigestDeliveryException(message, errcode == TOO_FAST && safe);
    }

    /** Failures before the request left this machine; a timeout is not one: DingTalk may have posted. */
    private static boolean neverSent(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException;
    }
}
