/**
 * Scheduled digests: subscriptions made with the {@code digest} chat command
 * ({@link startupcoach.digest.DigestCommand}), their schedules ({@link startupcoach.digest.Schedule}),
 * the content of one digest ({@link startupcoach.digest.DigestComposer}) and the scheduler that
 * claims each slot before posting it ({@link startupcoach.digest.DigestScheduler}).
 *
 * <p>Platforms post through a {@link startupcoach.digest.DigestSink} each; this package never
 * imports a platform. Storage is behind {@link startupcoach.digest.SubscriptionStore},
 * {@link startupcoach.digest.SlotLedger} and {@link startupcoach.digest.QuestionHistory}, which
 * {@code startupcoach.store} implements with JDBC.
 */
package startupcoach.digest;
