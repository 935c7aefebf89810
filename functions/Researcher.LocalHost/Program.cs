using Researcher.LocalHost.Cli;

return await ResearcherCommandLine.RunAsync(args, Console.Out, Console.Error);
