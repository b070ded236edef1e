package startupcoach.embed;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The bundled shim that answers MKL's vendor check (see {@code src/main/native/mkl_vendor_check.c}),
 * so MKL inside libtorch picks its kernels by CPU features as it does on Intel.
 *
 * <p>It only works if loaded with {@code RTLD_GLOBAL} before libtorch: libtorch's own calls to
 * {@code mkl_serv_intel_cpu} go through its PLT and resolve to the first definition in the global
 * scope. Loading it never runs MKL code, so it cannot crash; what MKL then does is the probe's to
 * find out, in a child JVM.
 */
final class MklVendorShim {

    static final String RESOURCE = "/startupcoach/embed/native/linux-x86_64/libcoach_mkl_vendor.so";
    private static final int RTLD_NOW = 0x2;
    private static final int RTLD_GLOBAL = 0x100;
    /** Held so the library is never closed while libtorch may call into it. */
    private static NativeLibrary loaded;

    private MklVendorShim() {
    }

    /** Whether this build carries the shim (it is built only where a C compiler was found). */
    static boolean bundled() {
        return MklVendorShim.class.getResource(RESOURCE) != null;
    }

    /** A short digest of the bundled shim, part of the probe verdict's key; {@code none} without one. */
    static String digest() {
        if (!bundled()) {
            return "none";
        }
        try (InputStream in = MklVendorShim.class.getResourceAsStream(RESOURCE)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(in.readAllBytes())).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies the shim under {@code dir} (once per version) and loads it into the global symbol scope.
     *
     * @throws IllegalStateException if the build has no shim
     * @throws UncheckedIOException  if it cannot be written
     */
    static synchronized void load(Path dir) {
        if (loaded != null) {
            return;
        }
        if (!bundled()) {
            throw new IllegalStateException("this build has no MKL vendor shim (no C compiler when it was built)");
        }
        Path file = dir.resolve("libcoach_mkl_vendor-" + digest() + ".so");
        try {
            if (!Files.isRegularFile(file)) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "shim", ".tmp");
                try (InputStream in = MklVendorShim.class.getResourceAsStream(RESOURCE)) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MKL shim to " + file, e);
        }
        loaded = NativeLibrary.getInstance(file.toAbsolutePath().toString(),
                Map.of(Library.OPTION_OPEN_FLAGS, RTLD_NOW | RTLD_GLOBAL));
    }
}
