// The real assembly also carries [assembly: ExtensionInformation("Microsoft.Azure.WebJobs.Extensions.SignalRService", ...)],
// which makes the Worker SDK add the host-side WebJobs extension to the generated WorkerExtensions project.
// The build mirror lacks that package, so the stand-in leaves the attribute out: a stand-in build has no
// SignalR extension in the host at all, and the app refuses to start on it (Researcher.Functions' Program.cs).

// The mark the app and the publish guard look for: this assembly only compiles the app, it never runs it.
[assembly: System.Reflection.AssemblyMetadata("Researcher.CompileOnlyStandIn", "true")]
