package startupcoach.embed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 of a text's UTF-8 bytes, as four longs so it is a compact, comparable map key. */
record TextHash(long a, long b, long c, long d) {

    static TextHash of(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return of(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static TextHash of(byte[] sha256) {
        if (sha256.length != VectorFile.HASH_BYTES) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(sha256);
        return new TextHash(b.getLong(), b.getLong(), b.getLong(), b.getLong());
    }

    byte[] bytes() {
        return ByteBuffer.allocate(VectorFile.HASH_BYTES).putLong(a).putLong(b).putLong(c).putLong(d).array();
    }
}
