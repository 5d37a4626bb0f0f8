// Test-only stand-in for bcryptprimitives.dll under Wine: Rust's Windows standard library
// imports ProcessPrng from it (every Windows 10/11 has it), Wine 8 does not. Never shipped.
#include <windows.h>
#include <bcrypt.h>

// Fills `data` with `len` random bytes from the system generator, as the real one does.
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG))) {
            return FALSE;
        }
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
