using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>POSIX signals sent to a process: SIGTERM for an orderly stop (Process has no way to send it).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    /// <summary>Sends one SIGTERM to <paramref name="process"/> (not to its children).</summary>
    public static void Terminate(Process process)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            throw new PlatformNotSupportedException("The reliability tests send POSIX signals: they run on Linux or macOS.");
        if (kill(process.Id, SigTerm) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            // ESRCH (3): the process has already exited, which is what SIGTERM asks for.
            if (error != 3) throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {error}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
