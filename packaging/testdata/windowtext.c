/* windowtext TITLE OUT: waits up to 60 s for a window titled TITLE (a
 * message box an installer shows), writes the texts of its controls to OUT
 * as UTF-16LE lines, and closes it as a person pressing OK would. Exits 0
 * once it has read one, 1 if none came. Built with mingw-w64 by
 * msi_japanese_linux_test.go and run in the installer's Wine session. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

static FILE *out;

static BOOL CALLBACK write_text(HWND child, LPARAM unused)
{
    WCHAR text[4096];
    int n = GetWindowTextW(child, text, ARRAYSIZE(text));

    if (n > 0)
    {
        fwrite(text, sizeof(WCHAR), n, out);
        fwrite(L"\n", sizeof(WCHAR), 1, out);
    }
    return TRUE;
}

int wmain(int argc, WCHAR **argv)
{
    HWND box = NULL;
    int i;

    if (argc != 3)
    {
        fprintf(stderr, "usage: windowtext TITLE OUT\n");
        return 2;
    }
    for (i = 0; i < 600 && !(box = FindWindowW(NULL, argv[1])); i++) Sleep(100);
    if (!box)
    {
        fprintf(stderr, "windowtext: no window titled %ls\n", argv[1]);
        return 1;
    }
    Sleep(500); /* the box fills its controls as it opens */
    if (!(out = _wfopen(argv[2], L"wb")))
    {
        fprintf(stderr, "windowtext: cannot write %ls\n", argv[2]);
        return 2;
    }
    EnumChildWindows(box, write_text, 0);
    fclose(out);
    PostMessageW(box, WM_COMMAND, IDOK, 0);
    return 0;
}
