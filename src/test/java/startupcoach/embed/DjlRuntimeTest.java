package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

class DjlRuntimeTest {

    private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], null);
    private static final Path NATIVES = Path.of("data", "djl-cache", "pytorch");

    @Test
    void tellsToRebuildWhenTheNativesJarIsNotOnTheClasspath() {
        String advice = DjlRuntime.nativesAdvice(EMPTY, "Linux", "amd64", null, NATIVES);
        assertThat(advice)
                .startsWith("PyTorch natives not found on the classpath")
                .contains("rebuild with ./mvnw package", "PYTORCH_LIBRARY_PATH", "--mode bm25");
    }

    @Test
    void blamesTheCacheWhenTheNativesAreOnTheClasspathButDoNotLoad() {
        String advice = DjlRuntime.nativesAdvice(DjlRuntimeTest.class.getClassLoader(), "Linux", "amd64", null, NATIVES);
        assertThat(advice).contains("could not be loaded", "delete that directory", NATIVES.toString());
    }

    @Test
    void namesTheLibraryPathWhenOneIsSet() {
        assertThat(DjlRuntime.nativesAdvice(EMPTY, "Linux", "amd64", "/opt/libtorch", NATIVES))
                .contains("PYTORCH_LIBRARY_PATH=/opt/libtorch", "unset it");
    }

    @Test
    void saysWhichPlatformsAreBundledOnOtherPlatforms() {
        assertThat(DjlRuntime.nativesAdvice(DjlRuntimeTest.class.getClassLoader(), "Mac OS X", "aarch64", null, NATIVES))
                .startsWith("No PyTorch natives for Mac OS X/aarch64")
                .contains("linux-x86_64 only", "--mode bm25");
    }

    /**
     * The real thing, in a separate JVM whose classpath lacks the natives jar and whose cache is
     * empty: loading the model must fail with the one clear message, not a DJL stack trace.
     */
    @Test
    void loadingWithoutTheNativesJarFailsWithOneClearMessage(@TempDir Path dataDir) throws Exception {
        String classpath = Arrays.stream(testClasspath().split(File.pathSeparator))
                .filter(entry -> !entry.contains("pytorch-native-cpu"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classpath).contains("pytorch-engine");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", classpath,
                MissingNativesProbe.class.getName(), dataDir.toString()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (String name : List.of("PYTORCH_LIBRARY_PATH", "DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "PYTORCH_VERSION",
                "PYTORCH_FLAVOR")) {
            env.remove(name);
        }
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isEqualTo(MissingNativesProbe.FAILED_CLEARLY);
        assertThat(text).contains("message: PyTorch natives not found on the classpath", "rebuild with ./mvnw package");
    }

    private static String testClasspath() throws IOException {
        // Surefire runs tests from a manifest-only jar and puts the real classpath here
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
