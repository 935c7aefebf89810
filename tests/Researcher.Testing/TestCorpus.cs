namespace Researcher.Testing;

/// <summary>A small folder of Markdown documents the tests research: three about tides, one unrelated.</summary>
public sealed class TestCorpus : IDisposable
{
    public const string Question = "How do tides form, and why do most coasts see two high tides a day?";

    /// <summary>A question the offline planner splits into four sub-questions over this corpus (one per tide document).</summary>
    public const string FourSubQuestionsQuestion = "Why do tides differ from coast to coast and from day to day?";

    private static readonly Dictionary<string, string> Documents = new()
    {
        ["tides.md"] = """
            # Tides

            ## What causes tides
            Tides are the regular rise and fall of sea level caused by the gravitational pull of the Moon and the Sun
            acting on the rotating Earth. The Moon's pull is stronger on the side of the Earth facing it, which draws
            the ocean into a bulge of water beneath the Moon.

            ## Two high tides a day
            A second bulge forms on the far side of the Earth, where the Moon's pull is weakest and inertia carries the
            water outward. As the Earth rotates through both bulges, most coasts see two high tides and two low tides
            in each lunar day of about 24 hours and 50 minutes.
            """,
        ["moon.md"] = """
            # The Moon and the Sun

            ## Spring and neap tides
            When the Sun, the Moon and the Earth line up at new moon and full moon, their pulls add up and produce
            spring tides with the largest range between high and low water. At the quarter moons the pulls act at right
            angles and the smaller neap tides follow.

            ## The lunar day
            The Moon orbits in the same direction the Earth rotates, so a point on Earth needs about 50 extra minutes to
            face the Moon again. That is why high tide comes roughly 50 minutes later each day.
            """,
        ["guides/coasts.md"] = """
            # Coasts and tidal range

            ## Why the range differs
            The shape of the coastline and the depth of the sea floor change how high tides rise. Funnel-shaped bays
            such as the Bay of Fundy amplify the tide to a range of more than 15 metres, while enclosed seas such as the
            Mediterranean see only a few centimetres.

            ## Diurnal tides
            Some coasts, for example parts of the Gulf of Mexico, see only one high tide a day because basin resonance
            favours the daily component of the tide.
            """,
        ["sourdough.md"] = """
            # Sourdough bread

            ## Starter
            A sourdough starter is a culture of wild yeast and lactic acid bacteria fed with flour and water.
            """,
    };

    public TestCorpus()
    {
        Root = Directory.CreateTempSubdirectory("researcher-corpus-").FullName;
        foreach (var (relativePath, text) in Documents)
        {
            var path = Path.Combine(Root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    public string Root { get; }

    /// <summary>Every document's path relative to the corpus root, with forward slashes.</summary>
    public IReadOnlyList<string> RelativePaths { get; } = Documents.Keys.ToList();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
