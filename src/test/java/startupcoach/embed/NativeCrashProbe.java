package startupcoach.embed;

import com.sun.jna.Pointer;

/**
 * Stands in for a probe child whose native kernel faults: reads address 8 through JNA, which kills
 * the JVM with SIGSEGV and a crash report, as the oneDNN SIGFPE did.
 */
final class NativeCrashProbe {

    private NativeCrashProbe() {
    }

    public static void main(String[] args) {
        System.out.println("probe: about to fault");
        System.out.println(new Pointer(8).getInt(0));
    }
}
