package startupcoach.cli;

import java.io.PrintWriter;
import startupcoach.embed.LoadProgress;
import startupcoach.retrieve.IndexProgress;

/**
 * Draws start-up progress on stderr: a redrawn bar on a terminal, a single summary line when
 * output goes to a file or a CI log (where carriage returns make a mess). Also prints the
 * embedding model's load steps, so a first start that takes seconds says why.
 */
final class TerminalProgress implements IndexProgress, LoadProgress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean interactive;
    private final String label;
    private long start;
    private boolean started;
    private boolean announced;
    /** Phases shorter than this print nothing. */
    private static final long QUIET_MS = 300;

    TerminalProgress(PrintWriter err, boolean interactive) {
        this(err, interactive, "Indexing");
    }

    private TerminalProgress(PrintWriter err, boolean interactive, String label) {
        this.err = err;
        this.interactive = interactive;
        this.label = label;
    }

    @Override
    public IndexProgress phase(String newLabel) {
        return new TerminalProgress(err, interactive, newLabel);
    }

    @Override
    public void step(String message) {
        err.println("Embedding model: " + message);
        err.flush();
    }

    @Override
    public void update(int done, int total) {
        if (done == 0) {
            started = true;
            announced = false;
            start = System.nanoTime();
            return;
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        // Work that finishes in a blink (an up-to-date cache) is not worth a line.
        if (!started || (!announced && ms < QUIET_MS && done < total)) {
            return;
        }
        if (!announced && done == total && ms < QUIET_MS) {
            return;
        }
        if (!announced) {
            announced = true;
            if (!interactive) {
                err.println(label + " " + total + " passages…");
            }
        }
        if (interactive) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        }
        if (done == total) {
            err.print((interactive ? "\n" : "") + label + " done: " + total + " passages in " + ms + " ms\n");
        }
        err.flush();
    }
}
