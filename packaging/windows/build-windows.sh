#!/usr/bin/env bash
# Cross-compiles Harbor for Windows on Linux and builds the NSIS installer, then checks the .exe: GUI subsystem (no
# console window) and only system DLLs imported.
# Needs: rustup target x86_64-pc-windows-gnu, Debian packages gcc-mingw-w64-x86-64 and nsis.
# wer.dll is Windows Error Reporting (the crash-dump hardening, src/hardening/windows.rs); bcryptprimitives.dll is
# where Rust's standard library gets random numbers on Windows 10 and later (ProcessPrng); ktmw32.dll is the Kernel
# Transaction Manager (in System32 since Vista), imported by windows-registry's transaction functions, which Harbor
# does not call: a release build's link-time optimisation drops the import, a debug build keeps it.
#
# HARBOR_WINDOWS_PROFILE=debug builds a debug harbor.exe instead (much quicker on a busy machine; for
# scripts/windows-smoke, never for a release). It is still a GUI-subsystem program: the harbor crate alone is built
# without debug assertions, which is what main.rs keys the subsystem on.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=x86_64-pc-windows-gnu
case ${HARBOR_WINDOWS_PROFILE:-release} in
    release)
        cargo build --release --target "$target" --bin harbor
        exe=target/$target/release/harbor.exe ;;
    debug)
        cargo build --target "$target" --bin harbor --config 'profile.dev.package.harbor.debug-assertions=false'
        exe=target/$target/debug/harbor.exe ;;
    *) echo "FAIL: HARBOR_WINDOWS_PROFILE is release or debug, not ${HARBOR_WINDOWS_PROFILE}"; exit 1 ;;
esac
objdump=x86_64-w64-mingw32-objdump
subsystem=$($objdump -p "$exe" | awk '/^Subsystem/ {print $2}')
echo "subsystem: $subsystem (2 = Windows GUI)"
[ "$subsystem" = "00000002" ] || { echo "FAIL: not a GUI-subsystem binary"; exit 1; }
echo "imported DLLs:"; $objdump -p "$exe" | awk '/DLL Name/ {print "  " $3}' | sort -u
unexpected=$($objdump -p "$exe" | awk '/DLL Name/ {print tolower($3)}' | sort -u \
    | grep -vE '^(kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|ws2_32|bcrypt|ntdll|opengl32|dwmapi|uxtheme|imm32|winmm|shlwapi|version|userenv|crypt32|secur32|propsys|api-ms-win-.*|msvcrt|ucrtbase|vcruntime.*|dbghelp|setupapi|hid|dxgi|d3d.*|dcomp|winspool\.drv|powrprof|msimg32|usp10|oleacc|uiautomationcore|gdiplus|synchronization|bcryptprimitives|combase|ntdll|rpcrt4|wintrust|wer|ktmw32)\.dll$' || true)
[ -z "$unexpected" ] || { echo "FAIL: non-system DLLs: $unexpected"; exit 1; }
ls -l "$exe"
packaging/windows/make-installer.sh "$exe"
