/* bcryptprimitives.dll for Wine 8, which lacks it: Go (1.22 and later) takes
   its random numbers from ProcessPrng there. This one asks BCryptGenRandom,
   which Wine has. Built by scripts/wine-test with mingw-w64. */
#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
		data += n; len -= n;
	}
	return TRUE;
}
