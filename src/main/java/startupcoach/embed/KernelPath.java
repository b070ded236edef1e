package startupcoach.embed;

import java.util.Locale;

/** The kernels libtorch's dense projections (MKL {@code sgemm}) run on in this process. */
enum KernelPath {
    /** MKL as it dispatches itself: on a non-Intel CPU its generic AVX2 kernels. Works everywhere. */
    SAFE,
    /**
     * MKL dispatching on the CPU's features alone (AVX-512 where the CPU has it), with its vendor
     * check answered by the bundled shim. Used only where a child-JVM probe showed it safe.
     */
    FAST;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
