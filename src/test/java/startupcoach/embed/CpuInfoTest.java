package startupcoach.embed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CpuInfoTest {

    @Test
    void readsTheFirstProcessorAndItsFmaPeak() {
        CpuInfo cpu = CpuInfo.parse(List.of("processor : 0", "model name : AMD EPYC", "cpu family : 26", "model : 2",
                "stepping : 1", "cpu MHz : 2100.000", "flags : fpu avx2 fma avx512f", "",
                "processor : 1", "model name : other"), 2);

        assertThat(cpu.model()).isEqualTo("AMD EPYC");
        assertThat(cpu.family()).isEqualTo("26/2/1");
        assertThat(cpu.fmaLanes()).isEqualTo(16);
        assertThat(cpu.fmaPeakGflops()).isEqualTo(2 * 2.1 * 16 * 2 * 2, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void unreadableCpuInfoIsUnknownNotAnError() {
        CpuInfo cpu = CpuInfo.parse(List.of(), 4);

        assertThat(cpu.model()).isEqualTo("unknown");
        assertThat(cpu.fmaLanes()).isEqualTo(4);
        assertThat(cpu.fmaPeakGflops()).isZero();
    }
}
