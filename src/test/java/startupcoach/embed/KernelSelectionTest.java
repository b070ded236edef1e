package startupcoach.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelSelectionTest {

    private static final CpuInfo CPU = CpuInfo.parse(List.of("model name : Test CPU", "cpu family : 26",
            "model : 2", "stepping : 1", "flags : fpu avx2 fma avx512f", "cpu MHz : 2100.000"), 2);

    @TempDir
    Path dir;

    @Test
    void childDyingBySignalSelectsSafePathWithOneWarning() {
        AtomicInteger runs = new AtomicInteger();
        KernelSelection selection = selection(shell(runs, "kill -FPE $$"));
        try (LogCapture log = LogCapture.of(KernelSelection.class)) {
            KernelSelection.Choice choice = selection.choose(KernelMode.AUTO, LoadProgress.silent());

            assertThat(choice.path()).isEqualTo(KernelPath.SAFE);
            assertThat(choice.reason()).contains("died by signal SIGFPE");
            assertThat(log.warnings()).hasSize(1).first().asString()
                    .contains("embed.kernels.probe_failed").contains("SIGFPE").contains("using=safe");
        }
        assertThat(runs).hasValue(1); // the safe reference is not needed once the fast child died
    }

    @Test
    void childExitingNonZeroSelectsSafePathAndSaysWhatItPrinted() {
        KernelSelection selection = selection(shell(new AtomicInteger(), "echo 'libtorch: illegal instruction' >&2; exit 3"));
        try (LogCapture log = LogCapture.of(KernelSelection.class)) {
            KernelSelection.Choice choice = selection.choose(KernelMode.AUTO, LoadProgress.silent());

            assertThat(choice.path()).isEqualTo(KernelPath.SAFE);
            assertThat(choice.reason()).isEqualTo("probe exited with code 3: libtorch: illegal instruction");
            assertThat(log.warnings()).hasSize(1);
        }
    }

    @Test
    void jvmKilledByNativeFaultIsReportedWithItsProblematicFrame() {
        BiFunction<KernelPath, Path, List<String>> crashingJvm = (path, out) -> List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ErrorFile=" + dir.resolve(path.label() + "-probe-crash.log"), "-XX:-CreateCoredumpOnCrash",
                "-cp", ProbeRunner.classPath(), NativeCrashProbe.class.getName());
        KernelSelection.Choice choice = selection(crashingJvm).choose(KernelMode.AUTO, LoadProgress.silent());

        assertThat(choice.path()).isEqualTo(KernelPath.SAFE);
        assertThat(choice.reason()).startsWith("probe JVM crashed with SIGSEGV in ").contains("Java_com_sun_jna_Native_getInt");
        assertThat(dir.resolve("fast-probe-crash.log")).exists();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hangingChildIsStoppedAndSelectsSafePath() {
        ProbeRunner runner = new ProbeRunner(shell(new AtomicInteger(), "sleep 30"), dir, 1);
        KernelSelection.Choice choice = new KernelSelection(runner, dir, CPU, true).choose(KernelMode.AUTO, LoadProgress.silent());

        assertThat(choice.path()).isEqualTo(KernelPath.SAFE);
        assertThat(choice.reason()).isEqualTo("probe did not finish in 1 s");
    }

    @Test
    void verdictIsKeptSoTheProbeRunsOncePerMachine() {
        AtomicInteger runs = new AtomicInteger();
        selection(shell(runs, "exit 1")).choose(KernelMode.AUTO, LoadProgress.silent());
        List<String> steps = new ArrayList<>();
        KernelSelection.Choice again = selection(shell(runs, "exit 1")).choose(KernelMode.AUTO, steps::add);

        assertThat(runs).hasValue(1);
        assertThat(steps).isEmpty();
        assertThat(again.reason()).isEqualTo("probe exited with code 1");
    }

    @Test
    void forcedFastRefusesClearlyWhereTheProbeFailed() {
        KernelSelection selection = selection(shell(new AtomicInteger(), "kill -SEGV $$"));

        assertThatThrownBy(() -> selection.choose(KernelMode.FAST, LoadProgress.silent()))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("COACH_EMBED_KERNELS=fast was refused: probe died by signal SIGSEGV")
                .hasMessageContaining("set it to auto or safe");
    }

    @Test
    void forcedFastRefusesWithoutTheShim() {
        KernelSelection selection = new KernelSelection(new ProbeRunner(shell(new AtomicInteger(), "exit 0"), dir, 5),
                dir, CPU, false);

        assertThatThrownBy(() -> selection.choose(KernelMode.FAST, LoadProgress.silent()))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("no fast kernels");
        assertThat(selection.choose(KernelMode.AUTO, LoadProgress.silent()).path()).isEqualTo(KernelPath.SAFE);
    }

    @Test
    void safeModeNeverRunsTheProbe() {
        AtomicInteger runs = new AtomicInteger();
        KernelSelection.Choice choice = selection(shell(runs, "exit 0")).choose(KernelMode.SAFE, LoadProgress.silent());

        assertThat(choice).isEqualTo(new KernelSelection.Choice(KernelPath.SAFE, "COACH_EMBED_KERNELS=safe"));
        assertThat(runs).hasValue(0);
    }

    @Test
    void keyChangesWithTheCpu() {
        CpuInfo other = CpuInfo.parse(List.of("model name : Test CPU", "cpu family : 25", "model : 17",
                "stepping : 1", "flags : fpu avx2 fma avx512f", "cpu MHz : 2100.000"), 2);
        ProbeRunner runner = new ProbeRunner(shell(new AtomicInteger(), "exit 0"), dir, 5);

        assertThat(new KernelSelection(runner, dir, CPU, true).key())
                .isNotEqualTo(new KernelSelection(runner, dir, other, true).key());
    }

    @Test
    void unknownModeNamesTheValidOnes() {
        assertThat(KernelMode.parse(" Fast ")).isEqualTo(KernelMode.FAST);
        assertThat(KernelMode.parse(null)).isEqualTo(KernelMode.AUTO);
        assertThatThrownBy(() -> KernelMode.parse("turbo"))
                .hasMessage("COACH_EMBED_KERNELS=turbo is not valid; use one of auto, safe, fast");
    }

    private KernelSelection selection(BiFunction<KernelPath, Path, List<String>> command) {
        return new KernelSelection(new ProbeRunner(command, dir, 60), dir, CPU, true);
    }

    private static BiFunction<KernelPath, Path, List<String>> shell(AtomicInteger runs, String script) {
        return (path, out) -> {
            runs.incrementAndGet();
            return List.of("sh", "-c", script);
        };
    }
}
