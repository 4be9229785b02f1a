/*
 * no-std-handles.exe COMMAND LINE: starts COMMAND LINE with no standard handles and returns its exit code. Test-only,
 * for scripts/windows-smoke under Wine; never shipped.
 *
 * On Windows, a windowed (GUI-subsystem) program typed in cmd or PowerShell gets no standard output: what it prints
 * is lost unless it attaches to the console itself. Wine instead passes the console's handles on, so a plain
 * `wine cmd /c harbor.exe --version` shows the output whatever Harbor does. Started through this program, Harbor
 * sees what Windows gives it (no handles, a parent with a console), and its output reaches the console only if it
 * opens the console itself (src/hardening/windows.rs, attach_parent_console).
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -o no-std-handles.exe no-std-handles.c
 */
#include <windows.h>

int main(void)
{
    char *command = GetCommandLineA();
    /* Skip this program's own name, quoted or not. */
    if (*command == '"') {
        command++;
        while (*command && *command != '"')
            command++;
        if (*command)
            command++;
    } else {
        while (*command && *command != ' ')
            command++;
    }
    while (*command == ' ')
        command++;

    STARTUPINFOA startup;
    ZeroMemory(&startup, sizeof startup);
    startup.cb = sizeof startup;
    startup.dwFlags = STARTF_USESTDHANDLES; /* and all three handles NULL */
    PROCESS_INFORMATION process;
    if (!CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process))
        return 100;
    WaitForSingleObject(process.hProcess, INFINITE);
    DWORD code = 0;
    GetExitCodeProcess(process.hProcess, &code);
    return (int)code;
}
