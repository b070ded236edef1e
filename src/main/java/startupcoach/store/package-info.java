/**
 * Storage: JDBC over SQLite (the default, a file under the data directory) or PostgreSQL
 * ({@code DATABASE_URL}, shared by replicas), with the same Flyway migrations
 * ({@code src/main/resources/db/migration}) on both.
 *
 * <p>Implements the ports of the features that keep state: {@link startupcoach.coach.Deduplicator},
 * {@link startupcoach.coach.FeedbackLog} and {@link startupcoach.coach.QuestionLog} for the coach;
 * {@link startupcoach.digest.SubscriptionStore}, {@link startupcoach.digest.SlotLedger} and
 * {@link startupcoach.digest.QuestionHistory} for digests. Maps rows to values and back; holds no
 * business rules. Entry point: {@link startupcoach.store.Storage#open}.
 */
package startupcoach.store;
