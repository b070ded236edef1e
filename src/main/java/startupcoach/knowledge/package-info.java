/**
 * Markdown knowledge base: files to {@link startupcoach.knowledge.Section}s with heading paths
 * and kinds (body, outline copy, front matter), sections to
 * {@link startupcoach.knowledge.Passage}s, and lookups by id and by user-typed citation.
 *
 * <p>Entry point: {@link startupcoach.knowledge.KnowledgeBase#load(java.nio.file.Path)}. The rules
 * for the machine-written documents (glued headings, unclosed fences, condensed outlines) are
 * documented on {@link startupcoach.knowledge.MarkdownParser} and the package-private classes it
 * uses. Knows nothing about embeddings, indexes or chat platforms.
 */
package startupcoach.knowledge;
