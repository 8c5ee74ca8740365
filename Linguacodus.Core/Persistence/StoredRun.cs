using Linguacodus.Core.Runs;

namespace Linguacodus.Core.Persistence;

/// <summary>A run as the database holds it: its document and the folder its files live in.</summary>
public readonly record struct StoredRun(RunSnapshot Run, string Folder);
