package startupcoach.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
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
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One append-only file of vectors for one model:
 * a header ({@code magic, version, dimension, modelId}) then fixed-size records
 * ({@code 32-byte SHA-256 of the text, dimension little-endian floats}).
 *
 * <p>Appending never rewrites earlier records, so a crash can at worst leave a partial last
 * record; opening drops it. A file written for another model or dimension is moved aside
 * ({@code vectors.bin.stale-<millis>}) and a fresh one started: the cache is always derivable.
 *
 * <p>Not thread-safe; {@link CachingEmbedder} serialises appends.
 */
final class VectorFile implements AutoCloseable {

    static final String FILE_NAME = "vectors.bin";
    static final int HASH_BYTES = 32;
    private static final int MAGIC = 0x53435645; // "SCVE"
    private static final int VERSION = 1;
    private static final Logger log = LoggerFactory.getLogger(VectorFile.class);

    private final Path file;
    private final String modelId;
    private final int dimension;
    private final int recordBytes;
    private final FileChannel channel;

    private VectorFile(Path file, String modelId, int dimension, FileChannel channel) {
        this.file = file;
        this.modelId = modelId;
        this.dimension = dimension;
        this.recordBytes = HASH_BYTES + dimension * Float.BYTES;
        this.channel = channel;
    }

    /**
     * Opens (or creates) {@code dir/vectors.bin}, passing every stored record to {@code sink}.
     */
    static VectorFile open(Path dir, String modelId, int dimension, BiConsumer<TextHash, float[]> sink)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        byte[] header = header(modelId, dimension);
        long validLength = 0;
        if (Files.exists(file)) {
            validLength = readRecords(file, header, dimension, sink);
            if (validLength < 0) {
                Path stale = dir.resolve(FILE_NAME + ".stale-" + System.currentTimeMillis());
                log.warn("embed.cache.stale file={} movedTo={} model={} dimension={}", file, stale, modelId, dimension);
                Files.move(file, stale, StandardCopyOption.REPLACE_EXISTING);
                validLength = 0;
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
            return new VectorFile(file, modelId, dimension, channel);
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
            buffer.put(hash.bytes());
            for (float x : vector) {
                buffer.putFloat(x);
            }
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

    /** Returns the length of the valid prefix, or -1 if the header belongs to another model. */
    private static long readRecords(Path file, byte[] expectedHeader, int dimension,
                                    BiConsumer<TextHash, float[]> sink) throws IOException {
        int recordBytes = HASH_BYTES + dimension * Float.BYTES;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] header = new byte[expectedHeader.length];
            try {
                in.readFully(header);
            } catch (EOFException e) {
                return -1;
            }
            if (!Arrays.equals(header, expectedHeader)) {
                return -1;
            }
            long length = header.length;
            byte[] record = new byte[recordBytes];
            ByteBuffer view = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            while (in.readNBytes(record, 0, recordBytes) == recordBytes) {
                byte[] hash = Arrays.copyOf(record, HASH_BYTES);
                float[] vector = new float[dimension];
                view.position(HASH_BYTES);
                view.asFloatBuffer().get(vector);
                sink.accept(TextHash.of(hash), vector);
                length += recordBytes;
            }
            return length;
        }
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
