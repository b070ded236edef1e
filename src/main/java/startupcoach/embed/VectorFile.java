package startupcoach.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * One append-only file of vectors for one model:
 * a header ({@code magic, version, dimension, modelId}) then fixed-size records
 * ({@code 32-byte SHA-256 of the text, dimension little-endian floats, CRC-32C of both}).
 *
 * <p>The cache is always derivable, so damage is repaired, never fatal, and always logged at WARN
 * with the file's path:
 * <ul>
 *   <li>a partial last record (a crash while appending) is cut off;</li>
 *   <li>records whose checksum fails (bit rot, a stray write) are dropped and the file is rewritten
 *       without them; their texts are embedded again on the next miss;</li>
 *   <li>a header that is not ours (garbage) starts an empty file;</li>
 *   <li>a file written for another model, dimension or format version is moved aside
 *       ({@code vectors.bin.stale-<millis>}) and a fresh one started.</li>
 * </ul>
 *
 * <p>Not thread-safe; {@link CachingEmbedder} serialises appends.
 */
final class VectorFile implements AutoCloseable {

    static final String FILE_NAME = "vectors.bin";
    static final int HASH_BYTES = 32;
    private static final int CHECKSUM_BYTES = Integer.BYTES;
    private static final int MAGIC = 0x53435645; // "SCVE"
    /** 2 added the per-record checksum. */
    private static final int VERSION = 2;
    private static final Logger log = LoggerFactory.getLogger(VectorFile.class);

    private final Path file;
    private final int dimension;
    private final int recordBytes;
    private final FileChannel channel;

    private VectorFile(Path file, int dimension, FileChannel channel) {
        this.file = file;
        this.dimension = dimension;
        this.recordBytes = recordBytes(dimension);
        this.channel = channel;
    }

    /**
     * Opens (or creates) {@code dir/vectors.bin}, passing every intact stored record to {@code sink},
     * and repairs the file as the class describes.
     */
    static VectorFile open(Path dir, String modelId, int dimension, BiConsumer<TextHash, float[]> sink)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        byte[] header = header(modelId, dimension);
        long validLength = 0;
        if (Files.exists(file)) {
            Scan scan = scan(file, header, dimension);
            switch (scan.verdict) {
                case OTHER_MODEL -> {
                    Path stale = dir.resolve(FILE_NAME + ".stale-" + System.currentTimeMillis());
                    log.warn("embed.cache.stale file={} movedTo={} model={} dimension={}",
                            file, stale, modelId, dimension);
                    Files.move(file, stale, StandardCopyOption.REPLACE_EXISTING);
                }
                case GARBAGE -> log.warn("embed.cache.corrupt file={} reason=\"not a vector cache header\" "
                        + "action=\"rebuilding it empty; texts are embedded again\"", file);
                case OK -> {
                    int kept = scan.read;
                    if (scan.corrupt > 0) {
                        kept = scan.records.size();
                        log.warn("embed.cache.corrupt file={} reason=\"{} record(s) fail their checksum\" kept={} "
                                + "action=\"rewriting it without them; their texts are embedded again\"",
                                file, scan.corrupt, scan.records.size());
                        rewrite(file, header, scan.records);
                    }
                    scan.records.forEach(sink);
                    validLength = header.length + (long) kept * recordBytes(dimension);
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (validLength == 0) {
                channel.truncate(0);
                writeFully(channel, ByteBuffer.wrap(header), 0);
                validLength = header.length;
            } else if (channel.size() > validLength) {
                log.warn("embed.cache.truncated file={} droppedBytes={}", file, channel.size() - validLength);
                channel.truncate(validLength);
            }
            channel.position(validLength);
            return new VectorFile(file, dimension, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends records; {@code vectors} must have {@link #dimension} components each. */
    void append(Map<TextHash, float[]> vectors) throws IOException {
        if (vectors.isEmpty()) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(vectors.size() * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        vectors.forEach((hash, vector) -> {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector has " + vector.length + " components, expected " + dimension);
            }
            putRecord(buffer, hash, vector);
        });
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private enum Verdict { OK, OTHER_MODEL, GARBAGE }

    /**
     * What a read found: the intact records (last one wins), how many whole records were read and
     * how many of them failed their checksum.
     */
    private record Scan(Verdict verdict, Map<TextHash, float[]> records, int read, int corrupt) {
    }

    private static Scan scan(Path file, byte[] expectedHeader, int dimension) throws IOException {
        int recordBytes = recordBytes(dimension);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] header = in.readNBytes(expectedHeader.length);
            if (!Arrays.equals(header, expectedHeader)) {
                boolean ours = header.length >= Integer.BYTES
                        && ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
                return new Scan(ours ? Verdict.OTHER_MODEL : Verdict.GARBAGE, Map.of(), 0, 0);
            }
            Map<TextHash, float[]> records = new LinkedHashMap<>();
            int read = 0;
            int corrupt = 0;
            byte[] record = new byte[recordBytes];
            ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            CRC32C crc = new CRC32C();
            while (in.readNBytes(record, 0, recordBytes) == recordBytes) {
                read++;
                crc.reset();
                crc.update(record, 0, recordBytes - CHECKSUM_BYTES);
                if ((int) crc.getValue() != view.getInt(recordBytes - CHECKSUM_BYTES)) {
                    corrupt++;
                    continue;
                }
                float[] vector = new float[dimension];
                view.position(HASH_BYTES);
                view.asFloatBuffer().get(vector);
                records.put(TextHash.of(Arrays.copyOf(record, HASH_BYTES)), vector);
            }
            return new Scan(Verdict.OK, records, read, corrupt);
        }
    }

    /** Replaces {@code file} by one holding only {@code records}, atomically where the file system allows. */
    private static void rewrite(Path file, byte[] header, Map<TextHash, float[]> records) throws IOException {
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        int dimension = records.isEmpty() ? 0 : records.values().iterator().next().length;
        ByteBuffer buffer = ByteBuffer.allocate(header.length + records.size() * recordBytes(dimension))
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(header);
        records.forEach((hash, vector) -> putRecord(buffer, hash, vector));
        buffer.flip();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, buffer, 0);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putRecord(ByteBuffer buffer, TextHash hash, float[] vector) {
        int start = buffer.position();
        buffer.put(hash.bytes());
        for (float x : vector) {
            buffer.putFloat(x);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), buffer.arrayOffset() + start, buffer.position() - start);
        buffer.putInt((int) crc.getValue());
    }

    private static int recordBytes(int dimension) {
        return HASH_BYTES + dimension * Float.BYTES + CHECKSUM_BYTES;
    }

    private static byte[] header(String modelId, int dimension) {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + id.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(MAGIC).putInt(VERSION).putInt(dimension).putInt(id.length).put(id)
                .array();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            pos += channel.write(buffer, pos);
        }
    }
}
