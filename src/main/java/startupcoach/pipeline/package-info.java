/**
 * The way every chat message travels from acknowledgement to answer, so that nothing acknowledged
 * is lost: the adapter writes an {@link startupcoach.pipeline.Inbound} into the durable
 * {@link startupcoach.pipeline.Inbox} (with its dedupe keys, in one transaction) before it
 * acknowledges the platform; a {@link startupcoach.pipeline.Pipeline} worker claims it, asks the
 * coach and hands the reply to the platform's {@link startupcoach.pipeline.Outlet}; then it is done.
 * A process killed in between leaves the item in the inbox and the next start answers it, exactly
 * once where the platform can tell whether the answer already went out, at most once where it
 * cannot.
 *
 * <p>Admission (bounded), worker threads, the answer's deadline, resume and age limits, the
 * apology for a question that waited too long and the drain on shutdown live here once; an adapter
 * only maps its events to {@code Inbound} and implements {@code Outlet}.
 */
package startupcoach.pipeline;
