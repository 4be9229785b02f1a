/*
 * A stand-in bcryptprimitives.dll, ONLY for running harbor.exe under Wine 8 in scripts/windows-smoke. Never shipped,
 * never installed on Windows.
 *
 * Rust's standard library (1.78 and later) gets its random numbers on Windows from ProcessPrng in
 * bcryptprimitives.dll, which every Windows 10 and 11 has. Wine 8.0 (Debian 12) has no such DLL, so harbor.exe does
 * not start there ("Library bcryptprimitives.dll ... not found"). This DLL exports ProcessPrng and fills the buffer
 * from BCryptGenRandom with the system-preferred generator, which Wine does implement. The smoke script builds it
 * with mingw-w64 and places it next to harbor.exe only under Wine (and removes it before each uninstall).
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll bcryptprimitives.c bcryptprimitives.def -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
