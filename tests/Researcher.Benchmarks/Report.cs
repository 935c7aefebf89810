using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Researcher.Benchmarks;

/// <summary>Percentiles and conversions of Stopwatch timestamps.</summary>
public static class Stats
{
    public static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    public static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    public static double Elapsed(long from) => Seconds(from, Stopwatch.GetTimestamp());

    /// <summary>The nearest-rank percentile (p in 0..100) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The median (the mean of the two middle values for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>The figures of one run, printed as one Markdown table under a header naming the machine and settings.</summary>
public sealed class Report
{
    private readonly List<(string Section, string Figure, string Value, string Notes)> rows = [];
    private readonly List<string> settings = [];

    public void Setting(string text) => settings.Add(text);

    public void Add(string section, string figure, string value, string notes = "")
    {
        rows.Add((section, figure, value, notes));
        Console.Error.WriteLine($"[benchmark] {section} | {figure}: {value} {notes}");
    }

    public static string Ms(double milliseconds) => milliseconds.ToString(milliseconds < 100 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";

    public static string S(double seconds) => seconds.ToString(seconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " s";

    public static string N(double value, string format = "F1") => value.ToString(format, CultureInfo.InvariantCulture);

    public string ToMarkdown(string machine)
    {
        var text = new StringBuilder();
        text.AppendLine("## Durable Task engine benchmark").AppendLine();
        text.AppendLine(machine).AppendLine();
        foreach (var setting in settings) text.Append("- ").AppendLine(setting);
        text.AppendLine();
        text.AppendLine("| Benchmark | Figure | Value | Notes |");
        text.AppendLine("|-----------|--------|-------|-------|");
        foreach (var (section, figure, value, notes) in rows)
            text.AppendLine($"| {section} | {figure} | {value} | {notes.Replace("|", "\\|")} |");
        return text.ToString();
    }
}
