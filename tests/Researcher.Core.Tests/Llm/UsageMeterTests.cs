using Microsoft.Extensions.AI;
using Researcher.Core.Contracts;
using Researcher.Core.Llm;
using Researcher.Testing;

namespace Researcher.Core.Tests.Llm;

public class UsageMeterTests
{
    private static readonly ModelPrice Price = new() { Model = "fast-model", InputPerMillionTokens = 1m, OutputPerMillionTokens = 4m };

    [Fact]
    public async Task A_metered_client_records_each_answer_priced_into_the_meter_of_its_flow_only()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers(("one", 1_000, 100), ("two", 2_000, 200)));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);
        using var client = new MeteredChatClient(models.Fast, Price);

        async Task<ResearchUsage> Step()
        {
            using var meter = UsageMeter.Start();
            await client.GetResponseAsync("Hello");
            return meter.Total;
        }
        var first = await Step();
        var second = await Step();
        await client.GetResponseAsync("Outside any meter: counted nowhere");

        Assert.Equal(new ResearchUsage(1_000, 100, 1_100, 1, 0.0014m), first);
        Assert.Equal(new ResearchUsage(2_000, 200, 2_200, 1, 0.0028m), second);
    }

    [Fact]
    public async Task A_streamed_answer_is_recorded_from_its_usage_chunk()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.StreamAsync(context, (30, 7), "Hel", "lo"));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);
        using var client = new MeteredChatClient(models.Fast, price: null);

        using var meter = UsageMeter.Start();
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("Hi"))
            text += update.Text;

        Assert.Equal("Hello", text);
        Assert.Equal(new ResearchUsage(30, 7, 37, 1, null), meter.Total);
    }

    [Fact]
    public void Usage_adds_up_and_an_unpriced_call_makes_the_cost_unknown()
    {
        var priced = new ResearchUsage(10, 5, 15, 1, 0.5m);
        var unpriced = new ResearchUsage(1, 1, 2, 1, null);

        Assert.Equal(new ResearchUsage(20, 10, 30, 2, 1.0m), priced + priced);
        Assert.Null((priced + unpriced).Cost);
        Assert.Equal(ResearchUsage.Zero, ResearchUsage.Sum([null, ResearchUsage.Zero]));
    }

    [Fact]
    public void A_budget_shares_what_is_left_and_fits_estimates_in_tokens_and_money()
    {
        var budget = new ResearchBudget(10_000, 1.0m, 0.5);

        var gathering = budget.ForGathering();
        Assert.Equal((5_000L, 0.5m), (gathering.MaxTokens!.Value, gathering.MaxCost!.Value));
        var share = gathering.Minus(new ResearchUsage(1_000, 0, 1_000, 1, 0.1m)).Share(2);
        Assert.Equal((2_000L, 0.2m), (share.MaxTokens!.Value, share.MaxCost!.Value));

        Assert.True(share.Fits(new ResearchUsage(1_500, 500, 2_000, 1, 0.2m)));
        Assert.False(share.Fits(new ResearchUsage(1_500, 501, 2_001, 1, 0.01m)));
        Assert.False(share.Fits(new ResearchUsage(10, 10, 20, 1, 0.21m)));
        Assert.False(share.Fits(new ResearchUsage(10, 10, 20, 1, null)));
        Assert.True(ResearchBudget.Unlimited.Fits(new ResearchUsage(1_000_000, 1, 1_000_001, 1, null)));
        Assert.Equal(0, budget.Minus(new ResearchUsage(20_000, 0, 20_000, 1, 5m)).MaxTokens);
    }
}
