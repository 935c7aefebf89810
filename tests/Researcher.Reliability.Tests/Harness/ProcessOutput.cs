using System.Diagnostics;
using System.Text;

namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// The standard output and error of a process (and of its restarts), line by line with the time
/// each line arrived, kept so that a failing assertion can print it. Thread-safe: lines arrive on
/// the process's reader threads while the test reads.
/// </summary>
public sealed class ProcessOutput(string name)
{
    /// <summary>The most lines kept; older ones are dropped (and counted) so a chatty host cannot exhaust memory.</summary>
    private const int MaxLines = 200_000;

    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();
    private long dropped;

    public string Name => name;

    /// <summary>Starts reading <paramref name="process"/>'s redirected output and error into this buffer.</summary>
    public void Attach(Process process, string label)
    {
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) Add(label, "out", line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Add(label, "err", line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>A line written by the test itself (a start, a kill), so the output reads as a timeline.</summary>
    public void Note(string message) => Add(name, "test", $"=== {message} ===");

    /// <summary>How many kept lines satisfy <paramref name="predicate"/>.</summary>
    public int Count(Func<string, bool> predicate)
    {
        lock (gate) return lines.Count(predicate);
    }

    /// <summary>Whether some kept line satisfies <paramref name="predicate"/>.</summary>
    public bool Any(Func<string, bool> predicate)
    {
        lock (gate) return lines.Any(predicate);
    }

    /// <summary>The last <paramref name="count"/> lines, headed by the process's name.</summary>
    public string Tail(int count)
    {
        lock (gate)
        {
            var shown = lines.Skip(Math.Max(0, lines.Count - count)).ToList();
            var skipped = dropped + lines.Count - shown.Count;
            var text = new StringBuilder($"----- {name}: {lines.Count + dropped} lines");
            text.Append(skipped > 0 ? $", the last {shown.Count} shown -----" : " -----").AppendLine();
            foreach (var line in shown) text.AppendLine(line);
            return text.ToString();
        }
    }

    /// <summary>
    /// What a failure message shows of a long output: the last <paramref name="notableCount"/> notable
    /// lines (errors, warnings, exceptions, the test's own notes) and the last <paramref name="tailCount"/> lines.
    /// </summary>
    public string Excerpt(int notableCount, int tailCount)
    {
        lock (gate)
        {
            var notable = lines.Where(IsNotable).ToList();
            var text = new StringBuilder($"----- {name}: {lines.Count + dropped} lines; ");
            text.Append($"the last {Math.Min(notableCount, notable.Count)} of its {notable.Count} warnings, errors and test notes -----").AppendLine();
            foreach (var line in notable.Skip(Math.Max(0, notable.Count - notableCount))) text.AppendLine(line);
            var tail = lines.Skip(Math.Max(0, lines.Count - tailCount)).ToList();
            text.Append($"----- {name}: its last {tail.Count} lines -----").AppendLine();
            foreach (var line in tail) text.AppendLine(line);
            return text.ToString();
        }
    }

    /// <summary>Writes every kept line to <paramref name="path"/>.</summary>
    public void WriteTo(string path)
    {
        lock (gate) File.WriteAllLines(path, dropped > 0 ? lines.Prepend($"({dropped} earlier lines dropped)") : lines);
    }

    public override string ToString() => Tail(int.MaxValue);

    private static bool IsNotable(string line) =>
        line.Contains(" err| ", StringComparison.Ordinal) || line.Contains(" test| ", StringComparison.Ordinal) ||
        line.Contains("warn:", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal) ||
        line.Contains("crit:", StringComparison.Ordinal) || line.Contains("Exception", StringComparison.Ordinal);

    private void Add(string label, string stream, string line)
    {
        var stamped = $"{DateTime.UtcNow:HH:mm:ss.fff} {label} {stream}| {line}";
        lock (gate)
        {
            lines.Enqueue(stamped);
            if (lines.Count > MaxLines)
            {
                lines.Dequeue();
                dropped++;
            }
        }
    }
}
