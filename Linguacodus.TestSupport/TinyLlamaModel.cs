namespace Linguacodus.TestSupport;

/// <summary>
/// Builds a tiny, random LLaMA-architecture GGUF model (about 270 KB) and a matching rank-4 LoRA
/// adapter, so tests and demos can run the real llama.cpp pipeline without downloading weights.
/// </summary>
/// <remarks>
/// <para>
/// The model has 64-wide embeddings, 2 layers, 4 heads, a 128-wide feed-forward block and a
/// 512-token context, with a SentencePiece-style vocabulary: &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, the 256
/// byte tokens, English/ML word pieces and the Llama-2 chat markers. It carries a Llama-2 chat
/// template. Its output is nonsense, but it is deterministic: the same seed gives the same bytes,
/// and greedy decoding gives the same text on every run.
/// </para>
/// <para>
/// The output projection is zero for all but the word pieces, so unconstrained generation emits
/// word pieces only, never byte tokens, chat markers or &lt;/s&gt;: it always runs to the token
/// limit, which keeps streaming tests predictable. A grammar can still force byte tokens, and
/// then end the text with &lt;/s&gt;.
/// </para>
/// <para>
/// Prompts tokenize at about one token per character (see the vocabulary), so a long prompt
/// needs a <c>ContextSize</c> above the 512-token training length; llama.cpp allows that.
/// </para>
/// </remarks>
public static class TinyLlamaModel
{
    /// <summary>The model name in <c>general.name</c>.</summary>
    public const string Name = "linguacodus-tiny";

    /// <summary>The training context length in <c>llama.context_length</c>.</summary>
    public const int ContextLength = 512;

    /// <summary>The embedding width in <c>llama.embedding_length</c>.</summary>
    public const int EmbeddingLength = 64;

    /// <summary>The number of transformer blocks in <c>llama.block_count</c>.</summary>
    public const int BlockCount = 2;

    /// <summary>The attention heads (query and key/value alike) in <c>llama.attention.head_count</c>.</summary>
    public const int HeadCount = 4;

    /// <summary>The feed-forward width in <c>llama.feed_forward_length</c>.</summary>
    public const int FeedForwardLength = 128;

    /// <summary>The rank of the LoRA adapter written by <see cref="WriteLoraAdapter"/>.</summary>
    public const int LoraRank = 4;

    /// <summary>The LoRA alpha; llama.cpp scales the adapter by alpha / rank.</summary>
    public const float LoraAlpha = 8f;

    /// <summary>
    /// A Llama-2 chat template. llama.cpp does not run Jinja: it recognises templates by
    /// substrings, and this one reads as Llama-2 with a system block and BOS between turns.
    /// </summary>
    public const string ChatTemplate =
        "{% if messages[0]['role'] == 'system' %}"
        + "{% set system_message = '<<SYS>>\\n' + messages[0]['content'] + '\\n<</SYS>>\\n\\n' %}"
        + "{% set loop_messages = messages[1:] %}"
        + "{% else %}{% set system_message = '' %}{% set loop_messages = messages %}{% endif %}"
        + "{% for message in loop_messages %}"
        + "{% if message['role'] == 'user' %}"
        + "{{ bos_token + '[INST] ' + (system_message if loop.first else '') + message['content'] + ' [/INST]' }}"
        + "{% elif message['role'] == 'assistant' %}"
        + "{{ ' ' + message['content'] + ' ' + eos_token }}"
        + "{% endif %}"
        + "{% endfor %}";

    private const int UnknownId = 0;
    private const int BosId = 1;
    private const int EosId = 2;

    // llama_token_type values from llama.h.
    private const int TokenNormal = 1;
    private const int TokenUnknown = 2;
    private const int TokenControl = 3;
    private const int TokenUserDefined = 4;
    private const int TokenByte = 6;

    // Ten times GPT-2's 0.02 initialisation: at 0.02 this model's greedy output falls into a
    // four-word loop within a few tokens; at 0.2 attention is sharp enough that the context
    // matters and 48 greedy tokens hold 30-odd distinct words. Still far from f16 limits.
    private const float WeightStd = 0.2f;

    // Much larger than the base weights so that applying the adapter visibly changes the output.
    private const float LoraStd = 0.5f;

    private static readonly string[] WordPieces =
    [
        // The bare word-start marker: without it every space in a prompt costs three byte tokens
        // (U+2581 is three bytes in UTF-8). Whole words only form from prompts when all their
        // prefixes are pieces too, which would triple the vocabulary, so prompts tokenize at
        // about one token per character.
        "▁",
        // Section headings the instruction prompts use.
        "▁Data", "▁Preprocessing", "▁Model", "▁Architecture", "▁Training", "▁Evaluation",
        "▁Feature", "▁Engineering", "▁Validation", "▁Submission", "▁Step", "▁Load", "▁Split",
        "▁Train", "▁Use", "▁The", "▁We", "▁Fit", "▁Predict", "▁Save",
        // Everyday English.
        "▁the", "▁a", "▁an", "▁and", "▁of", "▁to", "▁in", "▁for", "▁with", "▁on", "▁is", "▁are",
        "▁by", "▁from", "▁as", "▁using", "▁each", "▁all", "▁then", "▁it", "▁this", "▁that",
        // Machine learning.
        "▁model", "▁data", "▁train", "▁test", "▁training", "▁set", "▁features", "▁feature",
        "▁target", "▁column", "▁columns", "▁values", "▁missing", "▁mean", "▁median", "▁scale",
        "▁scaling", "▁encode", "▁categorical", "▁numeric", "▁split", "▁validation", "▁cross",
        "▁fold", "▁folds", "▁accuracy", "▁score", "▁loss", "▁error", "▁regression",
        "▁classification", "▁classifier", "▁regressor", "▁forest", "▁random", "▁tree", "▁trees",
        "▁boosting", "▁gradient", "▁linear", "▁logistic", "▁learning", "▁rate", "▁epochs",
        "▁batch", "▁size", "▁layer", "▁layers", "▁network", "▁neural", "▁optimizer",
        "▁predictions", "▁predict", "▁fit", "▁tune", "▁hyperparameters", "▁search", "▁grid",
        "▁best", "▁submission", "▁file", "▁csv", "▁rows", "▁label", "▁labels", "▁normalize",
        "▁outliers", "▁impute", "▁drop", "▁select", "▁time", "▁series", "▁lag", "▁window",
        "▁metric", "▁rmse", "▁auc", "▁architecture", "▁preprocessing",
        // Python.
        "▁import", "▁pandas", "▁numpy", "▁sklearn", "▁pd", "▁np", "▁df", "▁X", "▁y", "▁def",
        "▁return", "▁print", "▁if", "▁else", "▁None", "▁True", "▁False", "▁=", "▁+", "▁#",
        // Punctuation and suffixes, without the word-start marker.
        ":", "-", ".", ",", "(", ")", "_", "=", "'", "\"", "[", "]", "#", "s", "ing", "ed", "er",
    ];

    private static readonly string[] ChatPieces = ["[INST]", "[/INST]", "<<SYS>>", "<</SYS>>"];

    private static readonly Vocabulary Vocab = BuildVocabulary();

    /// <summary>The number of tokens in the vocabulary (and rows of the embedding).</summary>
    public static int VocabularySize => Vocab.Tokens.Length;

    /// <summary>Writes the model GGUF to <paramref name="path"/>; the same seed always gives the same bytes.</summary>
    public static void Write(string path, int seed = 42)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var random = new SplitMix64(seed);
        var gguf = new GgufWriter();

        gguf.AddString("general.architecture", "llama");
        gguf.AddString("general.name", Name);
        gguf.AddUInt32("general.file_type", 1); // LLAMA_FTYPE_MOSTLY_F16
        gguf.AddUInt32("llama.context_length", ContextLength);
        gguf.AddUInt32("llama.embedding_length", EmbeddingLength);
        gguf.AddUInt32("llama.block_count", BlockCount);
        gguf.AddUInt32("llama.feed_forward_length", FeedForwardLength);
        gguf.AddUInt32("llama.attention.head_count", HeadCount);
        gguf.AddUInt32("llama.attention.head_count_kv", HeadCount);
        gguf.AddUInt32("llama.rope.dimension_count", EmbeddingLength / HeadCount);
        gguf.AddFloat32("llama.rope.freq_base", 10000f);
        gguf.AddFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        gguf.AddUInt32("llama.vocab_size", (uint)VocabularySize);

        gguf.AddString("tokenizer.ggml.model", "llama");
        gguf.AddStringArray("tokenizer.ggml.tokens", Vocab.Tokens);
        gguf.AddFloat32Array("tokenizer.ggml.scores", Vocab.Scores);
        gguf.AddInt32Array("tokenizer.ggml.token_type", Vocab.Types);
        gguf.AddUInt32("tokenizer.ggml.bos_token_id", BosId);
        gguf.AddUInt32("tokenizer.ggml.eos_token_id", EosId);
        gguf.AddUInt32("tokenizer.ggml.unknown_token_id", UnknownId);
        gguf.AddBool("tokenizer.ggml.add_bos_token", true);
        gguf.AddBool("tokenizer.ggml.add_eos_token", false);
        gguf.AddString("tokenizer.chat_template", ChatTemplate);

        // Shapes are ggml's: fastest-varying dimension first, so a [in, out] matrix maps an
        // in-wide activation to an out-wide one.
        var embedding = random.Weights(EmbeddingLength * VocabularySize, WeightStd);
        gguf.AddTensorF16("token_embd.weight", [EmbeddingLength, VocabularySize], embedding);

        for (var layer = 0; layer < BlockCount; layer++)
        {
            var prefix = $"blk.{layer}.";
            gguf.AddTensorF32(prefix + "attn_norm.weight", [EmbeddingLength], Ones(EmbeddingLength));
            foreach (var projection in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                gguf.AddTensorF16(prefix + projection + ".weight", [EmbeddingLength, EmbeddingLength],
                    random.Weights(EmbeddingLength * EmbeddingLength, WeightStd));
            }

            gguf.AddTensorF32(prefix + "ffn_norm.weight", [EmbeddingLength], Ones(EmbeddingLength));
            gguf.AddTensorF16(prefix + "ffn_gate.weight", [EmbeddingLength, FeedForwardLength],
                random.Weights(EmbeddingLength * FeedForwardLength, WeightStd));
            gguf.AddTensorF16(prefix + "ffn_up.weight", [EmbeddingLength, FeedForwardLength],
                random.Weights(EmbeddingLength * FeedForwardLength, WeightStd));
            gguf.AddTensorF16(prefix + "ffn_down.weight", [FeedForwardLength, EmbeddingLength],
                random.Weights(FeedForwardLength * EmbeddingLength, WeightStd));
        }

        gguf.AddTensorF32("output_norm.weight", [EmbeddingLength], Ones(EmbeddingLength));

        var output = random.Weights(EmbeddingLength * VocabularySize, WeightStd);
        for (var token = 0; token < VocabularySize; token++)
        {
            // A zero row gives a logit of exactly 0, below the best of ~150 random word logits,
            // so greedy decoding picks words, not bytes, chat markers or end-of-sequence (see
            // the remarks).
            if (Vocab.Types[token] != TokenNormal)
            {
                output.AsSpan(token * EmbeddingLength, EmbeddingLength).Clear();
            }
        }

        gguf.AddTensorF16("output.weight", [EmbeddingLength, VocabularySize], output);
        gguf.Save(path);
    }

    /// <summary>
    /// Writes a rank-4 LoRA adapter GGUF for the model written by <see cref="Write"/>: it adapts
    /// attn_q and attn_v of every layer. The same seed always gives the same bytes.
    /// </summary>
    public static void WriteLoraAdapter(string path, int seed = 7)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var random = new SplitMix64(seed);
        var gguf = new GgufWriter();

        // llama.cpp refuses an adapter unless general.type is "adapter", adapter.type is "lora"
        // and the architecture matches the model's.
        gguf.AddString("general.architecture", "llama");
        gguf.AddString("general.type", "adapter");
        gguf.AddString("general.name", Name + "-lora");
        gguf.AddString("adapter.type", "lora");
        gguf.AddFloat32("adapter.lora.alpha", LoraAlpha);

        for (var layer = 0; layer < BlockCount; layer++)
        {
            foreach (var projection in new[] { "attn_q", "attn_v" })
            {
                // The adapter adds B·A·x: lora_a maps the model tensor's input width to the rank,
                // lora_b maps the rank to its output width. llama.cpp pairs them by the model
                // tensor name plus ".lora_a"/".lora_b" and checks a.ne[0] == in, b.ne[1] == out
                // and a.ne[1] == b.ne[0].
                var name = $"blk.{layer}.{projection}.weight";
                gguf.AddTensorF32(name + ".lora_a", [EmbeddingLength, LoraRank],
                    random.Weights(EmbeddingLength * LoraRank, LoraStd));
                gguf.AddTensorF32(name + ".lora_b", [LoraRank, EmbeddingLength],
                    random.Weights(LoraRank * EmbeddingLength, LoraStd));
            }
        }

        gguf.Save(path);
    }

    private static float[] Ones(int count)
    {
        var values = new float[count];
        Array.Fill(values, 1f);
        return values;
    }

    private static Vocabulary BuildVocabulary()
    {
        var tokens = new List<string> { "<unk>", "<s>", "</s>" };
        var types = new List<int> { TokenUnknown, TokenControl, TokenControl };
        var scores = new List<float> { 0f, 0f, 0f };

        // llama.cpp's SentencePiece tokenizer falls back to these for any byte it cannot match,
        // and finds them by exactly this spelling (upper-case hex).
        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(TokenByte);
            scores.Add(0f);
        }

        // Descending scores: SentencePiece merges prefer higher-scored pieces.
        for (var i = 0; i < WordPieces.Length; i++)
        {
            tokens.Add(WordPieces[i]);
            types.Add(TokenNormal);
            scores.Add(-1f - i);
        }

        // User-defined tokens are matched whole in raw text, so a templated prompt's [INST]
        // becomes one token as in real Llama-2 vocabularies.
        foreach (var piece in ChatPieces)
        {
            tokens.Add(piece);
            types.Add(TokenUserDefined);
            scores.Add(0f);
        }

        var duplicate = tokens.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"The vocabulary lists '{duplicate.Key}' twice.");
        }

        return new Vocabulary([.. tokens], [.. scores], [.. types]);
    }

    private sealed record Vocabulary(string[] Tokens, float[] Scores, int[] Types);

    /// <summary>
    /// SplitMix64: a fixed, documented generator, so the file bytes cannot change with the
    /// runtime's <see cref="Random"/> implementation.
    /// </summary>
    private sealed class SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)seed);

        public float[] Weights(int count, float std)
        {
            var values = new float[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)(NextNormalish() * std);
            }

            return values;
        }

        private ulong Next()
        {
            unchecked
            {
                var z = _state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                return z ^ (z >> 31);
            }
        }

        // Exactly representable: the top 53 bits scaled by 2^-53.
        private double NextUniform() => (Next() >> 11) * (1.0 / (1UL << 53));

        // Sum of four uniforms (Irwin-Hall), centred and scaled to unit variance: bell-shaped and,
        // unlike Box-Muller, free of Log/Cos, whose last bits may differ between platforms.
        private double NextNormalish() =>
            (NextUniform() + NextUniform() + NextUniform() + NextUniform() - 2.0) * Math.Sqrt(3.0);
    }
}
