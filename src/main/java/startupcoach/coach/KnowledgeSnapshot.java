package startupcoach.coach;

/**
 * One built generation of the knowledge base and everything derived from it (index, retrievers,
 * composer, the commands that read it), as {@link LiveKnowledge} publishes it. Immutable once
 * built; {@link #close()} releases what it owns (the search index) and is called exactly once, by
 * {@link LiveKnowledge}, after the last answer using it finished.
 */
public interface KnowledgeSnapshot extends AutoCloseable {

    /** Knowledge files it was built from ({@code *.md} and {@code *.tsv}). */
    int files();

    /** Sections parsed from the documents. */
    int sections();

    /** Passages indexed for search. */
    int passages();

    /** The {@code KnowledgeFiles} fingerprint of the files, taken before they were read. */
    String fingerprint();

    /** Releases the index; never throws (a failure is logged). */
    @Override
    void close();
}
