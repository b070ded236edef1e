package startupcoach.coach;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How one re-index ended: swapped in, skipped because nothing changed, or failed (the previous
 * index keeps serving).
 *
 * @param outcome   what happened
 * @param files     knowledge files read (0 when failed)
 * @param sections  sections in the new knowledge base (0 unless {@link Outcome#DONE})
 * @param passages  passages indexed (0 unless {@link Outcome#DONE})
 * @param took      how long the attempt took
 * @param file      for a failure caused by one file, its name; else null
 * @param line      that file's 1-based line, 0 for the whole file or no file
 * @param reason    for a failure, what went wrong; else null
 */
public record ReloadResult(Outcome outcome, int files, int sections, int passages, Duration took, String file, int line,
                           String reason) {

    /** How a re-index ended. */
    public enum Outcome {
        /** The new index is serving. */
        DONE,
        /** The files are what is already served; nothing was rebuilt. */
        UNCHANGED,
        /** The previous index keeps serving. */
        FAILED
    }

    public ReloadResult {
        Objects.requireNonNull(outcome, "outcome == null");
        Objects.requireNonNull(took, "took == null");
        if (outcome == Outcome.FAILED) {
            Objects.requireNonNull(reason, "a failure needs a reason");
        }
    }

    static ReloadResult done(int files, int sections, int passages, Duration took) {
        return new ReloadResult(Outcome.DONE, files, sections, passages, took, null, 0, null);
    }

    static ReloadResult unchanged(Duration took) {
        return new ReloadResult(Outcome.UNCHANGED, 0, 0, 0, took, null, 0, null);
    }

    static ReloadResult failed(String file, int line, String reason, Duration took) {
        return new ReloadResult(Outcome.FAILED, 0, 0, 0, took, file, line, reason);
    }

    public boolean ok() {
        return outcome != Outcome.FAILED;
    }

    /** {@code file:line}, just the file, or null when the failure concerns no single file. */
    public String location() {
        if (file == null) {
            return null;
        }
        return line > 0 ? file + ":" + line : file;
    }

    /** Seconds with one decimal, as people read a duration ("3.4 s"). */
    public String seconds() {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
