using Linguacodus.Inference.LlamaSharp;
using Linguacodus.TestSupport;

namespace Linguacodus.Tests.Inference;

/// <summary>
/// The GGUF header reader over the generated tiny model and adapter, and over files that are broken in the ways
/// downloads and conversions break: wrong format, random bytes, cut short, empty, missing.
/// </summary>
[Collection(TinyModelFixture.Name)]
public sealed class GgufInfoTests(TinyModelFixture model)
{
    // 64-wide embedding and output for 422 tokens, plus two blocks of norms, attention and feed-forward weights.
    private const long TinyModelParameters = 136_256;

    // Two layers, attn_q and attn_v, each a 64x4 lora_a and a 4x64 lora_b.
    private const long TinyAdapterParameters = 2 * 2 * (64 * 4 + 4 * 64);

    [Fact]
    public void Read_TinyModel_ReadsMetadata()
    {
        var info = GgufInfo.Read(model.ModelPath);

        Assert.Equal("llama", info.Architecture);
        Assert.Equal(TinyLlamaModel.Name, info.Name);
        Assert.Equal(TinyModelParameters, info.Parameters);
        Assert.Equal("F16", info.Quantisation);
        Assert.Equal(TinyLlamaModel.ContextLength, info.ContextLength);
        Assert.Equal(TinyLlamaModel.ChatTemplate, info.ChatTemplate);
        Assert.Equal("model", info.Type);
        Assert.Equal(new FileInfo(model.ModelPath).Length, info.FileBytes);
    }

    [Fact]
    public void Read_TinyAdapter_ReadsAdapterType()
    {
        var info = GgufInfo.Read(model.AdapterPath);

        Assert.Equal("adapter", info.Type);
        Assert.Equal("llama", info.Architecture);
        Assert.Equal(TinyLlamaModel.Name + "-lora", info.Name);
        Assert.Equal(TinyAdapterParameters, info.Parameters);
        Assert.Equal("F32", info.Quantisation);
        Assert.Null(info.ChatTemplate);
    }

    [Fact]
    public void Read_WrongMagic_ThrowsNotGguf()
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        "GGML"u8.CopyTo(bytes);
        var path = WriteFile("wrong-magic.gguf", bytes);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains("wrong-magic.gguf", error.Message);
        Assert.Contains("not a GGUF model", error.Message);
    }

    [Fact]
    public void Read_RandomBytes_ThrowsNotGguf()
    {
        var bytes = new byte[4_096];
        new Random(11).NextBytes(bytes);
        var path = WriteFile("random.gguf", bytes);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains("random.gguf", error.Message);
        Assert.Contains("not a GGUF model", error.Message);
    }

    [Fact]
    public void Read_UnsupportedVersion_ThrowsNamingSupportedVersions()
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), 9u);
        var path = WriteFile("version-9.gguf", bytes);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains("version 9", error.Message);
        Assert.Contains("2 and 3", error.Message);
    }

    /// <summary>
    /// Cuts the tiny model at a byte count (negative: that many bytes before the end). The fixed header is the first
    /// 24 bytes, the metadata (vocabulary) the next ~10 KB, and the last ~54 KB are the output tensor.
    /// </summary>
    [Theory]
    [InlineData(6)] // inside the version
    [InlineData(12)] // inside the tensor count
    [InlineData(23)] // inside the metadata count
    [InlineData(30)] // inside the first metadata key
    [InlineData(1_000)] // inside the vocabulary
    [InlineData(5_000)] // inside the vocabulary
    [InlineData(-100_000)] // inside the tensor data
    [InlineData(-1_000)] // inside the last tensor
    [InlineData(-1)] // one byte short
    public void Read_TruncatedFile_ThrowsTruncated(int cut)
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        var length = cut > 0 ? cut : bytes.Length + cut;
        var path = WriteFile($"cut-{length}.gguf", bytes[..length]);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains($"cut-{length}.gguf", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Read_TruncatedTensorData_SaysHowManyBytesAreMissing()
    {
        var bytes = File.ReadAllBytes(model.ModelPath);
        var path = WriteFile("half.gguf", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains($"{bytes.Length:N0} bytes", error.Message);
        Assert.Contains($"the file has {bytes.Length / 2:N0}", error.Message);
    }

    /// <summary>An empty file is what a failed download or a full disk leaves; "convert it to GGUF" is the wrong advice.</summary>
    [Fact]
    public void Read_EmptyFile_ThrowsEmpty()
    {
        var path = WriteFile("empty.gguf", []);

        var error = Assert.Throws<InvalidDataException>(() => GgufInfo.Read(path));

        Assert.Contains("empty.gguf", error.Message);
        Assert.Contains("empty", error.Message.Replace("empty.gguf", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(model.Folder, "no-such-model.gguf");

        var error = Assert.Throws<FileNotFoundException>(() => GgufInfo.Read(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message);
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(model.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
