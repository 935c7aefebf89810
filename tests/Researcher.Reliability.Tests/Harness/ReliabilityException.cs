namespace Researcher.Reliability.Tests.Harness;

/// <summary>
/// What the suite found wrong, in words naming the research and the fault. The scenario adds the
/// output of every process to it before the test fails (<see cref="ReliabilityScenario"/>).
/// </summary>
public sealed class ReliabilityException(string message, Exception? inner = null) : Exception(message, inner);
