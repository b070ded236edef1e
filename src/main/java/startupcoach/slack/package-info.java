/**
 * The coach in Slack through Bolt for Java: events, the {@code /coach} slash command and buttons
 * arrive over HTTP ({@code POST /slack/events}, signature-checked) or Socket Mode; each becomes an
 * {@link startupcoach.coach.IncomingMessage} for the {@link startupcoach.coach.Coach}, and each
 * {@link startupcoach.coach.Reply} goes back as Block Kit (a markdown block with Slack's native
 * feedback buttons). The assistant panel's events are handled by
 * {@code AssistantPanel}.
 *
 * <p>Slack wants an acknowledgement within 3 seconds, so handlers only filter, deduplicate and
 * hand over; answering and posting happen afterwards on bounded workers, paced per channel and
 * retried on 429. Scheduled digests are posted with the same sender
 * ({@link startupcoach.slack.SlackPlatform#digestSink()}). Never imports {@code startupcoach.dingtalk}.
 */
package startupcoach.slack;
