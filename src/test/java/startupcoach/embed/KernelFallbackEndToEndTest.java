package startupcoach.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A machine whose fast-kernel probe died by a signal: the real CLI, in its own JVM, answers on the
 * safe kernels, logs the choice once, and leaves no JVM crash report behind.
 */
class KernelFallbackEndToEndTest {

    @TempDir
    Path tmp;

    @Test
    void cliAnswersOnTheSafePathAfterTheProbeDiedBySignal() throws Exception {
        Path cache = tmp.resolve("cache");
        Path probeDir = cache.resolve("djl-cache").resolve("kernel-probe");
        ProbeRunner dying = new ProbeRunner((path, out) -> List.of("sh", "-c", "kill -FPE $$"), probeDir, 30);
        new KernelSelection(dying, probeDir, CpuInfo.current(), MklVendorShim.bundled())
                .choose(KernelMode.AUTO, LoadProgress.silent());
        Path knowledge = Files.createDirectories(tmp.resolve("knowledge"));
        Files.copy(Path.of("knowledge", "brand-advantage.md"), knowledge.resolve("brand-advantage.md"));
        Path data = tmp.resolve("data");

        ProcessBuilder cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the application's own logging (a log file under the data directory), not the tests'
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                "-cp", ProbeRunner.classPath(), "startupcoach.cli.Main", "ask",
                "--knowledge", knowledge.toString(), "--data-dir", data.toString(), "GPT系列模型有什么特点？")
                .directory(tmp.toFile())
                .redirectErrorStream(true);
        cli.environment().put("COACH_CACHE_DIR", cache.toString());
        cli.environment().remove("COACH_EMBED_KERNELS");
        Process process = cli.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("1.2.1 GPT系列模型").doesNotContain("error:");
        String log = Files.readString(data.resolve("logs").resolve("startup-coach.log"));
        assertThat(log.lines().filter(l -> l.contains("embed.kernels.probe_failed"))).hasSize(1);
        assertThat(log).contains("embed.kernels path=safe reason=\"probe died by signal SIGFPE\"");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }
}
