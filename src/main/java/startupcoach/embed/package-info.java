/**
 * Text embeddings: the {@link startupcoach.embed.Embedder} contract, the offline bge-small-zh-v1.5
 * model run with DJL on the PyTorch engine ({@link startupcoach.embed.BgeSmallZhEmbedder}), an
 * optional DJL {@code Criteria} model for users with network
 * ({@link startupcoach.embed.DjlCriteriaEmbedder}) and a disk cache of vectors
 * ({@link startupcoach.embed.CachingEmbedder}).
 *
 * <p>Takes plain strings: knows nothing of sections, indexes or chat.
 */
package startupcoach.embed;
