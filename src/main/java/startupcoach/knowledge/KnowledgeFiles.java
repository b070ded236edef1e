package startupcoach.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of a knowledge directory that the index is built from: {@code *.md} documents and
 * {@code *.tsv} glossaries, directly in the directory. Their fingerprint tells a watcher whether
 * anything an index depends on changed, whatever the file system reported.
 */
public final class KnowledgeFiles {

    private KnowledgeFiles() {
    }

    /** True for a document or glossary name ({@code .md}, {@code .tsv}, any case). */
    public static boolean isKnowledgeFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".tsv");
    }

    /** The knowledge files in name order; empty when the directory is missing or cannot be listed. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(KnowledgeFiles::isKnowledgeFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Hex SHA-256 over each knowledge file's name, length and bytes, in name order. Content, not
     * modification times: a {@code touch} or a checkout that rewrites identical bytes is no change,
     * and a bind mount that reports no times still shows real edits. An unreadable file counts by
     * name only, so that it becoming readable is a change.
     */
    public static String fingerprint(Path dir) {
        MessageDigest digest = sha256();
        for (Path file : list(dir)) {
            digest.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try {
                byte[] bytes = Files.readAllBytes(file);
                digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(bytes);
            } catch (IOException e) {
                digest.update("unreadable".getBytes(StandardCharsets.UTF_8));
            }
            digest.update((byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
