using System.ClientModel;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Polly.Timeout;
using Researcher.Core.Llm;
using Researcher.Testing;

namespace Researcher.Core.Tests.Llm;

/// <summary>The built clients against a loopback fake of the OpenAI API: what goes over the wire.</summary>
public sealed class LlmClientsTests
{
    [Fact]
    public async Task The_fast_client_sends_its_model_the_messages_and_the_key_as_a_bearer_token()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers(("Hello there.", 12, 3)));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var response = await models.Fast.GetResponseAsync([new ChatMessage(ChatRole.User, "Say hello.")]);

        Assert.Equal("Hello there.", response.Text);
        Assert.Equal(new LlmUsage(12, 3, 15), LlmUsage.From(response.Usage));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions"), (request.Method, request.PathAndQuery));
        Assert.Equal($"Bearer {FakeOpenAI.ApiKey}", request.Headers["Authorization"]);
        var body = FakeOpenAI.BodyOf(request);
        Assert.Equal("fast-model", body.GetProperty("model").GetString());
        Assert.Equal(321, body.GetProperty("max_completion_tokens").GetInt32());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Contains("Say hello.", message.GetProperty("content").ToString());
    }

    [Fact]
    public async Task The_smart_client_uses_the_smart_model_and_a_call_may_set_its_own_token_cap()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers("Fine."));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        await models.Smart.GetResponseAsync("Plan it.", new ChatOptions { MaxOutputTokens = 50 });

        var body = FakeOpenAI.BodyOf(Assert.Single(server.Requests));
        Assert.Equal("smart-model", body.GetProperty("model").GetString());
        Assert.Equal(50, body.GetProperty("max_completion_tokens").GetInt32());
    }

    [Fact]
    public async Task A_streamed_answer_is_assembled_from_its_events_and_reports_the_usage_of_its_last_one()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.StreamAsync(context, (12, 3), "Hel", "lo, ", "world."));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in models.Fast.GetStreamingResponseAsync("Greet."))
            updates.Add(update);
        var response = updates.ToChatResponse();

        Assert.Equal("Hello, world.", response.Text);
        Assert.Equal(new LlmUsage(12, 3, 15), LlmUsage.From(response.Usage));
        var body = FakeOpenAI.BodyOf(Assert.Single(server.Requests));
        Assert.True(body.GetProperty("stream").GetBoolean());
        Assert.True(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
    }

    [Fact]
    public async Task Embeddings_come_from_the_embedding_model_with_their_usage()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context => FakeOpenAI.EmbeddingsAsync(context, [0.5f, -1f, 2f], [1f, 0f, 0f]));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var embeddings = await models.Embeddings!.GenerateAsync(["first", "second"]);

        Assert.Equal([0.5f, -1f, 2f], embeddings[0].Vector.ToArray());
        Assert.Equal([1f, 0f, 0f], embeddings[1].Vector.ToArray());
        Assert.Equal((4L, 4L), (embeddings.Usage?.InputTokenCount, embeddings.Usage?.TotalTokenCount));
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/embeddings"), (request.Method, request.PathAndQuery));
        Assert.Equal($"Bearer {FakeOpenAI.ApiKey}", request.Headers["Authorization"]);
        var body = FakeOpenAI.BodyOf(request);
        Assert.Equal("embedding-model", body.GetProperty("model").GetString());
        Assert.Equal(["first", "second"], body.GetProperty("input").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("base64", body.GetProperty("encoding_format").GetString());
    }

    [Fact]
    public async Task No_embedding_model_means_no_embedding_generator()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers("unused"));
        var options = FakeOpenAI.OptionsFor(server);
        options.EmbeddingModel = " ";

        using var models = LlmClients.Create(options, FakeOpenAI.Http);

        Assert.Null(models.Embeddings);
    }

    [Fact]
    public async Task A_throttled_call_is_retried_no_sooner_than_its_Retry_After_asks_and_then_answered()
    {
        var answered = 0;
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            if (Interlocked.Increment(ref answered) > 1)
                return FakeOpenAI.WriteJsonAsync(context, 200, FakeOpenAI.ChatCompletion("After the pause."));
            context.Response.Headers["Retry-After"] = "1";
            return FakeOpenAI.WriteJsonAsync(context, 429, FakeOpenAI.Error("Rate limit reached for requests.", "rate_limit_exceeded"));
        });
        using var http = FakeOpenAI.Clients(maxRetries: 3);
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), http);

        var response = await models.Fast.GetResponseAsync("Hi.");

        Assert.Equal("After the pause.", response.Text);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count); // the client's one retry; the SDK adds none of its own
        Assert.True(requests[1].ArrivedAt - requests[0].ArrivedAt >= TimeSpan.FromSeconds(1),
            $"The retry came {requests[1].ArrivedAt - requests[0].ArrivedAt} after the 429 that asked for a second.");
        Assert.Equal(FakeOpenAI.BodyOf(requests[0]).ToString(), FakeOpenAI.BodyOf(requests[1]).ToString());
    }

    [Fact]
    public async Task A_call_still_throttled_when_the_retries_are_spent_fails_with_its_retry_after_and_without_the_key()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.Headers["Retry-After"] = "7";
            return FakeOpenAI.WriteJsonAsync(context, 429, FakeOpenAI.Error("Rate limit reached for requests.", "rate_limit_exceeded"));
        });
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => models.Fast.GetResponseAsync("Hi."));

        Assert.IsType<ClientResultException>(failure);
        Assert.True(LlmFailures.IsThrottled(failure));
        Assert.Equal(TimeSpan.FromSeconds(7), LlmFailures.RetryAfter(failure));
        Assert.Single(server.Requests); // the client's retries are 0 here, and the SDK's own are off
        Assert.DoesNotContain(FakeOpenAI.ApiKey, failure.ToString());
    }

    [Fact]
    public async Task Parallel_calls_beyond_the_bound_wait_their_turn()
    {
        var arrived = 0;
        var bothArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref arrived) == 2) bothArrived.TrySetResult();
            await bothArrived.Task;
            await FakeOpenAI.WriteJsonAsync(context, 200, FakeOpenAI.ChatCompletion("Done."));
        });
        using var http = FakeOpenAI.Clients(maxConcurrentRequests: 2);
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), http);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            i % 2 == 0 ? models.Fast.GetResponseAsync($"Call {i}.") : models.Smart.GetResponseAsync($"Call {i}.")));

        Assert.All(responses, response => Assert.Equal("Done.", response.Text));
        Assert.Equal(8, server.Requests.Count);
        Assert.Equal(2, server.MaxInFlight); // the fast and the smart model share the one bound
    }

    [Fact]
    public async Task An_attempt_may_take_the_model_timeout_which_replaces_the_providers_attempt_timeout()
    {
        var time = new FakeTimeProvider();
        var arrivals = Channel.CreateUnbounded<TaskCompletionSource>();
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await arrivals.Writer.WriteAsync(answer);
            await answer.Task;
            await FakeOpenAI.WriteJsonAsync(context, 200, FakeOpenAI.ChatCompletion("A long answer."));
        });
        using var http = FakeOpenAI.Clients(attemptTimeout: TimeSpan.FromMinutes(1), time: time);
        var options = FakeOpenAI.OptionsFor(server);
        options.Timeout = TimeSpan.FromMinutes(10);
        using var models = LlmClients.Create(options, http);

        // Five minutes of generation: past the providers' one minute, within the model's ten.
        var slow = models.Smart.GetResponseAsync("Write at length.");
        var first = await arrivals.Reader.ReadAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        first.SetResult();
        Assert.Equal("A long answer.", (await slow).Text);

        // Eleven minutes: past the model's ten, so the attempt has failed (no retries here) before the
        // answer is let go; were there no such timeout, the call would get the answer and succeed.
        var tooSlow = models.Smart.GetResponseAsync("Write for ever.");
        var second = await arrivals.Reader.ReadAsync();
        time.Advance(TimeSpan.FromMinutes(11));
        second.SetResult();
        Assert.IsType<TimeoutRejectedException>(await Assert.ThrowsAnyAsync<Exception>(() => tooSlow));
    }

    [Fact]
    public async Task A_malformed_answer_is_a_clear_failure()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            FakeOpenAI.WriteJsonAsync(context, 200, """{"id":"chatcmpl-fake","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Cut off"""));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => models.Fast.GetResponseAsync("Hi."));

        Assert.IsAssignableFrom<JsonException>(failure);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_rejected_key_is_not_repeated_in_the_exception()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
            FakeOpenAI.WriteJsonAsync(context, 401, FakeOpenAI.Error("Incorrect API key provided.", "invalid_api_key")));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server), FakeOpenAI.Http);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => models.Fast.GetResponseAsync("Hi."));

        Assert.Equal(401, Assert.IsType<ClientResultException>(failure).Status);
        Assert.False(LlmFailures.IsThrottled(failure));
        Assert.Null(LlmFailures.RetryAfter(failure));
        Assert.DoesNotContain(FakeOpenAI.ApiKey, failure.ToString());
    }

    [Fact]
    public async Task Azure_OpenAI_uses_the_v1_api_the_deployment_name_and_an_api_key_header()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers("From Azure."));
        var options = FakeOpenAI.OptionsFor(server, LlmOptions.AzureOpenAI);
        options.Endpoint = server.BaseAddress.ToString();
        options.FastModel = "my-gpt-deployment";

        using var models = LlmClients.Create(options, FakeOpenAI.Http);
        var response = await models.Fast.GetResponseAsync("Hi.");

        Assert.Equal("From Azure.", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.PathAndQuery);
        Assert.Equal(FakeOpenAI.ApiKey, request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal("my-gpt-deployment", FakeOpenAI.BodyOf(request).GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_compatible_server_without_a_key_gets_no_authentication_header()
    {
        await using var server = await LoopbackHttpServer.StartAsync(FakeOpenAI.ChatAnswers("Local."));
        using var models = LlmClients.Create(FakeOpenAI.OptionsFor(server, LlmOptions.OpenAICompatible, apiKey: null), FakeOpenAI.Http);

        var response = await models.Fast.GetResponseAsync("Hi.");

        Assert.Equal("Local.", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.PathAndQuery);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("api-key"));
    }

    [Fact]
    public void Azure_without_a_key_builds_clients_for_Entra_ID()
    {
        var options = new LlmOptions
        {
            Provider = LlmOptions.AzureOpenAI,
            Endpoint = "https://example.openai.azure.com/",
            FastModel = "fast",
            SmartModel = "smart",
        };

        using var models = LlmClients.Create(options, FakeOpenAI.Http); // no token is asked for until a call is made

        Assert.NotNull(models.Fast);
    }

    [Theory]
    [InlineData("https://name.openai.azure.com", "https://name.openai.azure.com/openai/v1/")]
    [InlineData("https://name.openai.azure.com/", "https://name.openai.azure.com/openai/v1/")]
    [InlineData("https://name.openai.azure.com/openai/v1/", "https://name.openai.azure.com/openai/v1/")]
    [InlineData("https://gateway.example.com/llm", "https://gateway.example.com/llm/openai/v1/")]
    public void The_azure_endpoint_gets_the_v1_path_once(string resource, string expected)
    {
        Assert.Equal(expected, LlmClients.AzureV1Endpoint(new Uri(resource)).ToString());
    }

    [Fact]
    public void Invalid_options_are_refused_with_the_setting_named_and_not_the_key()
    {
        var options = new LlmOptions { Provider = LlmOptions.OpenAICompatible, ApiKey = FakeOpenAI.ApiKey, FastModel = "f", SmartModel = "s" };

        var failure = Assert.Throws<InvalidOperationException>(() => LlmClients.Create(options, FakeOpenAI.Http));

        Assert.Contains("Research:Llm:Endpoint is required", failure.Message);
        Assert.DoesNotContain(FakeOpenAI.ApiKey, failure.Message);
    }
}
