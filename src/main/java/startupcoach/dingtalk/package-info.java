/**
 * The DingTalk (钉钉) adapter: receives robot messages through Stream mode (the official
 * {@code app-stream-client}) or the signed HTTP callback, maps them onto the platform-neutral
 * {@code startupcoach.coach.Coach}, and replies with an AI card through the card OpenAPI
 * ({@code CardReplier}; button clicks come back on the Stream card callback
 * topic, {@code CardClicks}), or in DingTalk's markdown subset through the
 * message's sessionWebhook (the robot OpenAPI once that webhook has expired) when cards are off or
 * the app lacks the card permission. Scheduled digests
 * go through each group's own custom robot webhook instead ({@link startupcoach.dingtalk.RobotWebhookSink}:
 * signed, at most 20 messages a minute per robot).
 *
 * <p>Never imports {@code startupcoach.slack}: both adapters share only the core.
 */
package startupcoach.dingtalk;
