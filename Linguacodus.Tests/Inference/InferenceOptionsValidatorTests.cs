using Linguacodus.Inference.Configuration;
using Linguacodus.Tests.Infrastructure;

namespace Linguacodus.Tests.Inference;

/// <summary>Start-up checks of the back ends: every mistake names the back end and the setting, and says what to do.</summary>
[Collection(TinyModelFixture.Name)]
public sealed class InferenceOptionsValidatorTests(TinyModelFixture model)
{
    [Fact]
    public void Validate_LocalModelWithAdapterAndEndpoint_Succeeds()
    {
        var options = new InferenceOptions
        {
            DefaultBackend = "remote",
            Backends = [Local(), Remote()],
        };
        options.Backends[0].LoraAdapters.Add(new LoraAdapterOptions { Path = model.AdapterPath, Scale = 0.5f });

        var result = new InferenceOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NoDefaultBackend_Succeeds()
    {
        var options = new InferenceOptions { Backends = [Local()] };

        var result = new InferenceOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Check_MissingModelFile_SaysNotFoundWithPath()
    {
        var path = Path.Combine(model.Folder, "llama-2-7b-chat.Q4_K_M.gguf");
        var backend = Local(path);

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.StartsWith("Inference back end 'local'", message);
        Assert.Contains("not found", message);
        Assert.Contains(path, message);
    }

    [Fact]
    public void Check_EmptyModelPath_AsksForGgufFile()
    {
        var backend = Local("");

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("'local'", message);
        Assert.Contains("path is empty", message);
        Assert.Contains(".gguf", message);
    }

    [Fact]
    public void Check_CsvFileAsModel_SaysNotGguf()
    {
        var path = Path.Combine(model.Folder, "train-as-model.gguf");
        File.Copy(Path.Combine(Repository.Example("breast-cancer"), "train.csv"), path, overwrite: true);

        var message = Assert.Single(InferenceOptionsValidator.Check(Local(path)));

        Assert.Contains("'local'", message);
        Assert.Contains("train-as-model.gguf is not a GGUF model", message);
        Assert.Contains("convert", message);
    }

    [Fact]
    public void Check_TruncatedModel_SaysTruncated()
    {
        var path = Path.Combine(model.Folder, "validator-truncated.gguf");
        var bytes = File.ReadAllBytes(model.ModelPath);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 4_096)]);

        var message = Assert.Single(InferenceOptionsValidator.Check(Local(path)));

        Assert.Contains("validator-truncated.gguf is truncated", message);
        Assert.Contains("again", message);
    }

    [Fact]
    public void Check_AdapterAsModel_SaysToMoveItUnderLoraAdapters()
    {
        var message = Assert.Single(InferenceOptionsValidator.Check(Local(model.AdapterPath)));

        Assert.Contains("tiny-lora.gguf is a LoRA adapter", message);
        Assert.Contains("ModelPath", message);
        Assert.Contains("LoraAdapters", message);
    }

    [Fact]
    public void Check_ModelAsAdapter_SaysNotAnAdapter()
    {
        var backend = Local();
        backend.LoraAdapters.Add(new LoraAdapterOptions { Path = model.ModelPath });

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("LoRA", message);
        Assert.Contains("tiny.gguf is a model, not a LoRA adapter", message);
    }

    [Fact]
    public void Check_MissingAdapterFile_SaysLoraAndPath()
    {
        var path = Path.Combine(model.Folder, "no-such-adapter.gguf");
        var backend = Local();
        backend.LoraAdapters.Add(new LoraAdapterOptions { Path = path });

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("LoRA", message);
        Assert.Contains("not found", message);
        Assert.Contains(path, message);
    }

    [Theory]
    [InlineData(5f)]
    [InlineData(-4.5f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Check_AdapterScaleOutOfRange_AsksForScaleBetweenMinusFourAndFour(float scale)
    {
        var backend = Local();
        backend.LoraAdapters.Add(new LoraAdapterOptions { Path = model.AdapterPath, Scale = scale });

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains($"scale {scale}", message);
        Assert.Contains("between -4 and 4", message);
    }

    [Theory]
    [InlineData(-4f)]
    [InlineData(0f)]
    [InlineData(4f)]
    public void Check_AdapterScaleInRange_Passes(float scale)
    {
        var backend = Local();
        backend.LoraAdapters.Add(new LoraAdapterOptions { Path = model.AdapterPath, Scale = scale });

        Assert.Empty(InferenceOptionsValidator.Check(backend));
    }

    [Fact]
    public void Validate_DuplicateNames_SaysNamesMustBeUnique()
    {
        var options = new InferenceOptions { Backends = [Local(), Local()] };

        var result = new InferenceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("'local' is used 2 times", message);
        Assert.Contains("unique", message);
    }

    [Fact]
    public void Validate_UnknownDefaultBackend_ListsConfiguredNames()
    {
        var options = new InferenceOptions { DefaultBackend = "gpt", Backends = [Local(), Remote()] };

        var result = new InferenceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var message = Assert.Single(result.Failures!);
        Assert.Contains("DefaultBackend 'gpt'", message);
        Assert.Contains("local, remote", message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/v1")]
    [InlineData("localhost:8000/v1")]
    [InlineData("ftp://example.com/v1")]
    public void Check_EndpointNotAbsoluteHttp_AsksForAbsoluteUrl(string endpoint)
    {
        var backend = Remote();
        backend.Endpoint = endpoint;

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("'remote'", message);
        Assert.Contains($"Endpoint '{endpoint}'", message);
        Assert.Contains("absolute http(s) URL", message);
    }

    [Fact]
    public void Check_EndpointWithoutModelId_AsksForModelId()
    {
        var backend = Remote();
        backend.ModelId = "";

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("'remote'", message);
        Assert.Contains("ModelId is required", message);
    }

    [Fact]
    public void Check_EndpointBackend_IgnoresModelPath()
    {
        var backend = Remote();
        backend.ModelPath = Path.Combine(model.Folder, "not-there.gguf");

        Assert.Empty(InferenceOptionsValidator.Check(backend));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(255)]
    [InlineData(131_073)]
    public void Check_ContextSizeOutOfRange_NamesContextSizeAndRange(int contextSize)
    {
        var backend = Local();
        backend.ContextSize = contextSize;

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("'local'", message);
        Assert.Contains("ContextSize", message);
        Assert.Contains("256", message);
        Assert.Contains("131072", message);
    }

    [Fact]
    public void Check_EmptyName_SaysNameIsRequired()
    {
        var backend = Local();
        backend.Name = "";

        var message = Assert.Single(InferenceOptionsValidator.Check(backend));

        Assert.Contains("Name", message);
        Assert.Contains("required", message);
    }

    private BackendOptions Local(string? path = null) => new() { Name = "local", ModelPath = path ?? model.ModelPath, ContextSize = 2_048 };

    private static BackendOptions Remote() => new()
    {
        Name = "remote",
        Kind = BackendKind.OpenAICompatible,
        Endpoint = "http://localhost:8000/v1",
        ModelId = "llama-2-7b-chat",
    };
}
