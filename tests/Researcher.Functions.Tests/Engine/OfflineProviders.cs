using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Researcher.Core.Context;
using Researcher.Core.Planning;
using Researcher.Core.Reading;
using Researcher.Core.Search;
using Researcher.Core.Text;
using Researcher.Core.Writing;

namespace Researcher.Functions.Tests.Engine;

/// <summary>The providers a research step calls; a test replaces one with a fake through <c>with</c>.</summary>
internal sealed record ResearchProviders(
    IResearchPlanner Planner, ISearchProvider Search, ISourceReader Reader, IPassageSelector Selector, IReportWriter Writer,
    ISourceNoteTaker? NoteTaker = null, ILearningExtractor? LearningExtractor = null);

/// <summary>
/// The offline engine's providers over one documents folder, built as the hosts build them with
/// default options (as <see cref="Researcher.Testing.OfflineEngine"/> does): Lucene.Net search,
/// the extractive planner over that search, the local reader, ranked passages, the extractive writer.
/// </summary>
internal sealed class OfflineProviders : IDisposable
{
    private readonly LocalDocumentIndex index;

    public OfflineProviders(string documentsFolder)
    {
        var folder = new LocalDocumentFolder(Options.Create(new LocalDocumentsOptions { Path = documentsFolder }));
        index = new LocalDocumentIndex(folder, Options.Create(new LocalSearchOptions()), NullLogger<LocalDocumentIndex>.Instance);
        Providers = new ResearchProviders(
            new ExtractivePlanner(index, Options.Create(new ExtractivePlanningOptions())),
            index,
            new LocalDocumentReader(folder, index),
            new RankedPassageSelector(Options.Create(new PassageSelectionOptions()), TiktokenTokenCounter.Instance),
            new ExtractiveReportWriter(Options.Create(new ExtractiveWritingOptions())));
    }

    public ResearchProviders Providers { get; }

    public void Dispose() => index.Dispose();
}
