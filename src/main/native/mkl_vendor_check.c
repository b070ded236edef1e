/*
 * Interposes MKL's vendor check inside libtorch_cpu.so.
 *
 * MKL (statically linked into libtorch) picks its sgemm kernels by CPU vendor first and by CPU
 * features second: on a non-Intel CPU it takes a generic AVX2 path even where AVX-512 is there
 * (measured on AMD EPYC Zen 5: about half of ONNX Runtime's throughput). Its vendor check is
 * an exported symbol that MKL itself calls through the PLT, so a definition loaded with
 * RTLD_GLOBAL before libtorch wins, and MKL then dispatches on the CPU's real features (CPUID),
 * as it does on Intel. MKL asks in two places (mkl_serv_intel_cpu and mkl_serv_intel_cpu_true),
 * so both are answered. Whether that is safe and not slower on a given machine is decided by a
 * probe in a child JVM (startupcoach.embed.KernelProbe), never in the serving process.
 *
 * Built with -nostdlib: it needs nothing from libc, so it loads on any glibc.
 */
int mkl_serv_intel_cpu(void) {
    return 1;
}

int mkl_serv_intel_cpu_true(void) {
    return 1;
}
