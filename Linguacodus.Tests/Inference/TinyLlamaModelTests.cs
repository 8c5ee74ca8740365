using System.Diagnostics;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Linguacodus.TestSupport;
using Xunit.Abstractions;

namespace Linguacodus.Tests.Inference;

/// <summary>The generated GGUF model and adapter, run through real LLamaSharp and llama.cpp.</summary>
[Collection(TinyModelFixture.Name)]
[Trait("Category", "RequiresModel")]
public sealed class TinyLlamaModelTests(TinyModelFixture model, ITestOutputHelper output)
{
    private const string Prompt = "Write the data preprocessing plan for the model:";
    private const int GreedyTokens = 32;

    [Fact]
    public void Write_SameSeedTwice_WritesIdenticalBytes()
    {
        var first = Path.Combine(model.Folder, "same-seed-1.gguf");
        var second = Path.Combine(model.Folder, "same-seed-2.gguf");

        TinyLlamaModel.Write(first, seed: 3);
        TinyLlamaModel.Write(second, seed: 3);

        var bytes = File.ReadAllBytes(first);
        Assert.Equal(bytes, File.ReadAllBytes(second));
        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 4));
    }

    [Fact]
    public void Write_DifferentSeeds_WritesSameSizeDifferentWeights()
    {
        var first = Path.Combine(model.Folder, "seed-1.gguf");
        var second = Path.Combine(model.Folder, "seed-2.gguf");

        TinyLlamaModel.Write(first, seed: 1);
        TinyLlamaModel.Write(second, seed: 2);

        var a = File.ReadAllBytes(first);
        var b = File.ReadAllBytes(second);
        Assert.Equal(a.Length, b.Length);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void WriteLoraAdapter_SameSeedTwice_WritesIdenticalBytes()
    {
        var first = Path.Combine(model.Folder, "lora-1.gguf");
        var second = Path.Combine(model.Folder, "lora-2.gguf");

        TinyLlamaModel.WriteLoraAdapter(first);
        TinyLlamaModel.WriteLoraAdapter(second);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void LoadFromFile_TinyModel_ReadsBackMetadata()
    {
        var stopwatch = Stopwatch.StartNew();
        using var weights = LLamaWeights.LoadFromFile(model.Parameters());
        output.WriteLine($"model {new FileInfo(model.ModelPath).Length} B, adapter {new FileInfo(model.AdapterPath).Length} B, loaded in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal("llama", weights.Metadata["general.architecture"]);
        Assert.Equal(TinyLlamaModel.Name, weights.Metadata["general.name"]);
        Assert.Equal("512", weights.Metadata["llama.context_length"]);
        Assert.Equal(TinyLlamaModel.ChatTemplate, weights.Metadata["tokenizer.chat_template"]);
        Assert.Equal(TinyLlamaModel.ContextLength, weights.ContextSize);
        Assert.Equal(TinyLlamaModel.EmbeddingLength, weights.EmbeddingSize);
        Assert.Equal(TinyLlamaModel.VocabularySize, weights.Vocab.Count);
        Assert.Equal(2, (int?)weights.Vocab.EOS);
    }

    [Fact]
    public void LLamaTemplate_SystemAndUser_FormatsLlama2Prompt()
    {
        using var weights = LLamaWeights.LoadFromFile(model.Parameters());
        var template = new LLamaTemplate(weights) { AddAssistant = true };
        template.Add("system", "Be brief.");
        template.Add("user", "Describe the data.");

        var prompt = Encoding.UTF8.GetString(template.Apply());
        var tokens = weights.NativeHandle.Tokenize(prompt, true, true, Encoding.UTF8);

        Assert.Equal("[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nDescribe the data. [/INST]", prompt);
        Assert.Equal(1, (int)tokens[0]);
        Assert.Equal("[INST]", weights.NativeHandle.Vocab.LLamaTokenToString(tokens[1], isSpecialToken: true));
    }

    [Fact]
    public async Task InferAsync_GreedyTwice_GivesSameNonEmptyText()
    {
        using var weights = LLamaWeights.LoadFromFile(model.Parameters());

        var stopwatch = Stopwatch.StartNew();
        var first = await InferAsync(weights, new GreedySamplingPipeline(), GreedyTokens);
        output.WriteLine($"{GreedyTokens} greedy tokens in {stopwatch.ElapsedMilliseconds} ms: {first.Text}");
        stopwatch.Restart();
        var second = await InferAsync(weights, new GreedySamplingPipeline(), GreedyTokens);
        output.WriteLine($"again in {stopwatch.ElapsedMilliseconds} ms");

        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(first.Text, second.Text);
        // Only word pieces have output weights, so greedy text never ends before the limit.
        Assert.Equal(GreedyTokens, first.Pieces);
    }

    [Fact]
    public void SetLoraAdapters_TinyAdapter_ChangesGreedyText()
    {
        using var weights = LLamaWeights.LoadFromFile(model.Parameters());
        var adapter = weights.NativeHandle.LoadLoraFromFile(model.AdapterPath);

        var plain = GenerateGreedy(weights, adapter: null);
        var adapted = GenerateGreedy(weights, adapter);
        var plainAgain = GenerateGreedy(weights, adapter: null);
        output.WriteLine($"plain:   {plain}");
        output.WriteLine($"adapted: {adapted}");

        Assert.NotEqual(plain, adapted);
        Assert.Equal(plain, plainAgain);
    }

    [Fact]
    public async Task InferAsync_Grammar_ConstrainsText()
    {
        using var weights = LLamaWeights.LoadFromFile(model.Parameters());
        // Bounded words: a random model may never choose to end an unbounded [a-z]+.
        const string Gbnf = """root ::= "Data Preprocessing:" ( " " [a-z]{1,8} ){3}""";
        var pipeline = new DefaultSamplingPipeline { Temperature = 0, Seed = 1, Grammar = new Grammar(Gbnf, "root") };

        var stopwatch = Stopwatch.StartNew();
        var result = await InferAsync(weights, pipeline, maxTokens: 64);
        output.WriteLine($"grammar output in {stopwatch.ElapsedMilliseconds} ms: {result.Text}");

        Assert.Matches("^Data Preprocessing:( [a-z]{1,8}){3}$", result.Text);
    }

    private async Task<(string Text, int Pieces)> InferAsync(LLamaWeights weights, ISamplingPipeline pipeline, int maxTokens)
    {
        var executor = new StatelessExecutor(weights, model.Parameters());
        var inference = new InferenceParams { MaxTokens = maxTokens, SamplingPipeline = pipeline };
        var text = new StringBuilder();
        var pieces = 0;
        await foreach (var piece in executor.InferAsync(Prompt, inference, CancellationToken.None))
        {
            text.Append(piece);
            pieces++;
        }

        return (text.ToString(), pieces);
    }

    /// <summary>
    /// A hand-written decode loop: the stateless executor creates its own context, so it has no
    /// place to attach a LoRA adapter.
    /// </summary>
    private string GenerateGreedy(LLamaWeights weights, LoraAdapter? adapter)
    {
        using var context = weights.CreateContext(model.Parameters());
        if (adapter is { } lora)
        {
            context.NativeHandle.SetLoraAdapters([(lora, 1f)]);
        }

        using var sampler = new GreedySamplingPipeline();
        var decoder = new StreamingTokenDecoder(context);
        var batch = new LLamaBatch();
        var tokens = context.Tokenize(Prompt, addBos: true, special: true);
        batch.AddRange(tokens, 0, LLamaSeqId.Zero, true);
        var position = tokens.Length;

        for (var i = 0; i < GreedyTokens; i++)
        {
            Assert.Equal(DecodeResult.Ok, context.Decode(batch));
            var token = sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
            if (token.IsEndOfGeneration(weights.Vocab))
            {
                break;
            }

            decoder.Add(token);
            batch.Clear();
            batch.Add(token, position++, LLamaSeqId.Zero, true);
        }

        return decoder.Read();
    }
}
