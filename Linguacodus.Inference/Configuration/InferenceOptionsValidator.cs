using System.ComponentModel.DataAnnotations;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Inference.LlamaSharp;
using Microsoft.Extensions.Options;

namespace Linguacodus.Inference.Configuration;

/// <summary>Checks the back ends at start-up, with messages that say which setting is wrong and what to do.</summary>
internal sealed class InferenceOptionsValidator : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        var errors = new List<string>();
        foreach (var duplicate in options.Backends.GroupBy(b => b.Name).Where(g => g.Count() > 1))
        {
            errors.Add($"Inference: the back end name '{duplicate.Key}' is used {duplicate.Count()} times; names must be unique.");
        }
        if (options.DefaultBackend.Length > 0 && options.Backends.All(b => b.Name != options.DefaultBackend))
        {
            errors.Add($"Inference:DefaultBackend '{options.DefaultBackend}' is not among the back ends ({string.Join(", ", options.Backends.Select(b => b.Name))}).");
        }
        foreach (var backend in options.Backends)
        {
            errors.AddRange(Check(backend));
        }
        foreach (var (role, backend) in options.Roles.All.Where(r => r.Backend.Length > 0 && options.For(r.Backend) is null))
        {
            errors.Add($"Inference:Roles:{role} '{backend}' is not among the back ends ({string.Join(", ", options.Backends.Select(b => b.Name))}).");
        }
        if (options.PromptOverrides.Length > 0)
        {
            errors.AddRange(PromptLibrary.Check(options.PromptOverrides));
        }
        var budgets = new List<ValidationResult>();
        Validator.TryValidateObject(options.Budgets, new ValidationContext(options.Budgets), budgets, validateAllProperties: true);
        errors.AddRange(budgets.Select(b => $"Inference:Budgets: {b.ErrorMessage}"));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IEnumerable<string> Check(BackendOptions backend)
    {
        var prefix = $"Inference back end '{backend.Name}'";
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(backend, new ValidationContext(backend), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return $"{prefix}: {result.ErrorMessage}";
        }
        if (backend.Kind == BackendKind.OpenAICompatible)
        {
            if (!Uri.TryCreate(backend.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                yield return $"{prefix}: Endpoint '{backend.Endpoint}' must be an absolute http(s) URL such as http://localhost:8000/v1.";
            }
            if (backend.ModelId.Length == 0)
            {
                yield return $"{prefix}: ModelId is required for an OpenAI-compatible endpoint.";
            }
            // Only the variable's name is ever shown; its value is the secret.
            if (backend.ApiKeyVariable.Length > 0 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(backend.ApiKeyVariable)))
            {
                yield return $"{prefix}: ApiKeyVariable names the environment variable '{backend.ApiKeyVariable}', which is not set; set it to the API key, or clear ApiKeyVariable for an endpoint without keys.";
            }
            yield break;
        }
        if (ModelProblem(backend.ModelPath, "model") is { } model)
        {
            yield return $"{prefix}: {model}";
        }
        foreach (var adapter in backend.LoraAdapters)
        {
            if (ModelProblem(adapter.Path, "adapter") is { } problem)
            {
                yield return $"{prefix}: LoRA {problem}";
            }
            if (adapter.Scale is < -4 or > 4 or float.NaN)
            {
                yield return $"{prefix}: LoRA adapter {adapter.Path} has scale {adapter.Scale}; use a value between -4 and 4 (usually 1).";
            }
        }
    }

    private static string? ModelProblem(string path, string expectedType)
    {
        if (path.Length == 0)
        {
            return $"{expectedType} path is empty; set it to a .gguf file.";
        }
        try
        {
            var info = GgufInfo.Read(path);
            if (expectedType == "adapter" && info.Type != "adapter")
            {
                return $"{Path.GetFileName(path)} is a {info.Type}, not a LoRA adapter.";
            }
            if (expectedType == "model" && info.Type == "adapter")
            {
                return $"{Path.GetFileName(path)} is a LoRA adapter; ModelPath needs the base model and the adapter goes under LoraAdapters.";
            }
            return null;
        }
        catch (Exception error) when (error is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return error.Message;
        }
    }
}
