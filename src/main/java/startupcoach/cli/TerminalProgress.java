package startupcoach.cli;

import java.io.PrintWriter;
import startupcoach.retrieve.IndexProgress;

/**
 * Draws indexing progress on stderr: a redrawn bar on a terminal, a single summary line when
 * output goes to a file or a CI log (where carriage returns make a mess).
 */
final class TerminalProgress implements IndexProgress {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private boolean started;

    TerminalProgress(PrintWriter err, boolean interactive) {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void update(int done, int total) {
        if (done == 0) {
            started = true;
            err.print(interactive ? "" : "Indexing " + total + " passages…\n");
        }
        if (!started) {
            return; // the index was already up to date: nothing to show
        }
        if (interactive) {
            int filled = total == 0 ? WIDTH : done * WIDTH / total;
            err.print("\rIndexing [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
        }
        if (done == total) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            err.print((interactive ? "\n" : "") + "Indexed " + total + " passages in " + ms + " ms\n");
            err.flush();
        }
    }
}
