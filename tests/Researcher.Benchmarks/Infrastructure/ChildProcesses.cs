using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Researcher.Benchmarks.Infrastructure;

/// <summary>
/// Every process the benchmark starts, so that none outlives it: <see cref="KillAll"/> runs when the
/// benchmark ends, normally, by an exception, or by SIGINT/SIGTERM. Each process is ended by its own
/// id (with its children), never by name.
/// </summary>
public static class ChildProcesses
{
    private static readonly Lock Gate = new();
    private static readonly List<Process> Started = [];

    public static void Track(Process process)
    {
        lock (Gate) Started.Add(process);
    }

    public static void Forget(Process process)
    {
        lock (Gate) Started.Remove(process);
    }

    public static void KillAll()
    {
        List<Process> running;
        lock (Gate)
        {
            running = [.. Started];
            Started.Clear();
        }
        foreach (var process in running)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }
}

/// <summary>POSIX SIGTERM (Process has no way to send it).</summary>
public static class Signals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (kill(process.Id, SigTerm) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH: already gone */)
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}.");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

/// <summary>Free TCP ports on 127.0.0.1, chosen by the operating system (never Azurite's usual 10000-10002).</summary>
public static class LoopbackPorts
{
    public static int[] Free(int count)
    {
        var ports = new List<int>();
        var listeners = new List<TcpListener>();
        try
        {
            while (ports.Count < count)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (port is < 10000 or > 10002) ports.Add(port);
            }
            return [.. ports];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}

/// <summary>The last lines a process wrote, kept to explain a failure.</summary>
public sealed class OutputTail(string name, int capacity = 400)
{
    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, line) => Add(line.Data);
        process.ErrorDataReceived += (_, line) => Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Add(string? line)
    {
        if (line is null) return;
        lock (gate)
        {
            lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            if (lines.Count > capacity) lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (gate) return $"----- last {lines.Count} lines of {name} -----{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
