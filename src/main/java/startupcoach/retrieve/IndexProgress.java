package startupcoach.retrieve;

/** Told how far indexing has got, so a terminal can draw a progress bar. */
@FunctionalInterface
public interface IndexProgress {

    IndexProgress SILENT = (done, total) -> { };

    /** Called with {@code done} from 0 to {@code total}; {@code done == total} exactly once at the end. */
    void update(int done, int total);

    /** Progress of another phase of start-up (e.g. "Embedding"); by default the same listener. */
    default IndexProgress phase(String label) {
        return this;
    }
}
