using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Researcher.Core;
using Researcher.Core.Storage;

// Configuration comes from the Functions app settings: Research__Limits__MaxSubQuestions binds
// Research:Limits:MaxSubQuestions, Research__Storage__ConnectionString binds Research:Storage, and so on.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddResearchEngine();
builder.Services.AddAzureResearchStorage();
builder.Build().Run();
