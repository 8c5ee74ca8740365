namespace Linguacodus.Core.Runs;

public sealed record StepTiming(string Step, double Seconds);
