#!/bin/sh
# Builds the MKL vendor-check shim into the jar's resources (see mkl_vendor_check.c).
# Without a C compiler the build goes on: the embedder then has only its safe kernel path,
# and says so in its start-up log line (embed.kernels path=safe reason=...).
set -u
out="$1"
src="$(dirname "$0")/mkl_vendor_check.c"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "[native] $(uname -s)-$(uname -m): no MKL shim (libtorch natives are bundled for Linux x86-64 only)"; exit 0 ;;
esac
cc=""
for c in "${CC:-}" cc gcc clang; do
  if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then cc="$c"; break; fi
done
if [ -z "$cc" ]; then
  echo "[native] no C compiler found: building without the fast embedding kernels (safe path only)"
  exit 0
fi
mkdir -p "$out"
if "$cc" -O2 -shared -fPIC -nostdlib -Wl,-soname,libcoach_mkl_vendor.so -o "$out/libcoach_mkl_vendor.so" "$src"; then
  echo "[native] built $out/libcoach_mkl_vendor.so with $cc"
else
  echo "[native] $cc failed: building without the fast embedding kernels (safe path only)"
  rm -f "$out/libcoach_mkl_vendor.so"
fi
exit 0
