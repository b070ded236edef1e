package startupcoach.knowledge;

import java.util.Objects;

/**
 * One knowledge file cannot be used as it is: unreadable, not valid UTF-8, binary, empty after
 * parsing, or (for a glossary) a malformed line. Thrown by the strict loaders a reload uses
 * ({@link KnowledgeBase#loadStrict}), where a broken file must keep the previous knowledge base in
 * service rather than silently drop a document. The message names the file and line, for the log
 * and for the admin who asked for the reload.
 */
public final class BrokenFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file's name inside the knowledge directory
     * @param line   1-based line of the defect; 0 when it concerns the whole file (cannot be read)
     * @param reason what is wrong and, where it helps, how to fix it
     */
    public BrokenFileException(String file, int line, String reason) {
        super(location(file, line) + ": " + reason);
        this.file = Objects.requireNonNull(file, "file == null");
        this.line = line;
        this.reason = Objects.requireNonNull(reason, "reason == null");
    }

    public String file() {
        return file;
    }

    /** 1-based; 0 for the whole file. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }

    /** {@code file:line}, or just the file when the line is 0. */
    public String location() {
        return location(file, line);
    }

    private static String location(String file, int line) {
        return line > 0 ? file + ":" + line : file;
    }
}
