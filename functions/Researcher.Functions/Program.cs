using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Researcher.Core;
using Researcher.Core.Storage;
using Researcher.Functions.Hosting;

// A build against the compile-only SignalR stand-in never runs.
SignalRStandInCheck.EnsureRealExtension(SignalRStandInCheck.ExtensionAssembly);

// Configuration comes from the Functions app settings: Research__Limits__MaxSubQuestions binds
// Research:Limits:MaxSubQuestions, Research__Storage__ConnectionString binds Research:Storage, and so on.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddResearchEngine();
builder.Services.AddAzureResearchStorage();
builder.Services.AddFunctionsHost();
builder.Build().Run();
