using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Researcher.Core.Workflow;
using Researcher.Functions.Orchestration;

namespace Researcher.Functions.Tests.Orchestration;

/// <summary>Keeps the Functions app and Core's step and workflow definitions from drifting apart.</summary>
public sealed class FunctionDriftTests
{
    private static readonly IReadOnlyList<MethodInfo> Functions = typeof(ResearchOrchestrators).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToList();

    public static TheoryData<string, Type, Type> Steps()
    {
        var data = new TheoryData<string, Type, Type>();
        foreach (var property in typeof(ResearchSteps).GetProperties(BindingFlags.Public | BindingFlags.Static))
        {
            var definition = property.GetValue(null)!;
            var types = definition.GetType().GetGenericArguments();
            data.Add((string)definition.GetType().GetProperty(nameof(StepDefinition<object, object>.Name))!.GetValue(definition)!, types[0], types[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void Every_step_has_exactly_one_activity_of_its_name_input_and_output(string name, Type input, Type output)
    {
        var activity = Assert.Single(Functions, m => m.GetCustomAttribute<FunctionAttribute>()!.Name == name);

        var trigger = Assert.Single(activity.GetParameters(), p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
        Assert.Equal(input, trigger.ParameterType);
        Assert.Equal(typeof(Task<>).MakeGenericType(output), activity.ReturnType);
    }

    public static TheoryData<string, Type> Workflows() => new()
    {
        { ResearchWorkflows.Standard, typeof(ResearchOutcome) },
        { ResearchWorkflows.SubQuestion.Name, typeof(SubQuestionFindings) },
    };

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_workflow_has_exactly_one_orchestrator_of_its_name(string name, Type output)
    {
        var orchestrator = Assert.Single(Functions, m => m.GetCustomAttribute<FunctionAttribute>()!.Name == name);

        var trigger = Assert.Single(orchestrator.GetParameters());
        Assert.NotNull(trigger.GetCustomAttribute<OrchestrationTriggerAttribute>());
        Assert.Equal(typeof(TaskOrchestrationContext), trigger.ParameterType);
        Assert.Equal(typeof(Task<>).MakeGenericType(output), orchestrator.ReturnType);
    }

    [Fact]
    public void The_catalog_other_hosts_run_holds_every_orchestrator_and_activity_function_once()
    {
        string[] Named<TTrigger>() where TTrigger : Attribute => Functions
            .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).Order().ToArray();

        Assert.Equal(Named<OrchestrationTriggerAttribute>(), DurableFunctionCatalog.Orchestrators.Select(o => o.Name.Name).Order());
        Assert.Equal(Named<ActivityTriggerAttribute>(),
            DurableFunctionCatalog.Activities(new(null!), CancellationToken.None).Select(a => a.Name.Name).Order());
    }

    [Fact]
    public void Function_names_are_unique()
    {
        var names = Functions.Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
