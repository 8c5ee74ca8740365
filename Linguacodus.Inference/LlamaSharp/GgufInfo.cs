using System.Text;

namespace Linguacodus.Inference.LlamaSharp;

/// <summary>
/// What a GGUF file says about itself, read from its header without loading the weights, so a wrong, truncated or
/// corrupted file gets a clear message before llama.cpp ever sees it.
/// </summary>
public sealed record GgufInfo(
    string Architecture,
    string Name,
    long Parameters,
    string Quantisation,
    int ContextLength,
    string? ChatTemplate,
    string Type,
    long FileBytes)
{
    private const uint Magic = 0x46554747; // "GGUF", little-endian

    /// <summary>Reads the header; throws <see cref="InvalidDataException"/> with a plain message on a bad file.</summary>
    public static GgufInfo Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model file not found: {path}", path);
        }
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            return Read(reader, stream.Length, Path.GetFileName(path));
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is truncated: it ends inside its header.");
        }
    }

    private static GgufInfo Read(BinaryReader reader, long length, string file)
    {
        if (length == 0)
        {
            throw new InvalidDataException($"{file} is empty (0 bytes): the download or copy did not finish; get the file again.");
        }
        if (length < 4 || reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException($"{file} is not a GGUF model (wrong magic bytes); convert the model to GGUF first.");
        }
        var version = reader.ReadUInt32();
        if (version is < 2 or > 3)
        {
            throw new InvalidDataException($"{file} is GGUF version {version}; versions 2 and 3 are supported.");
        }
        var tensorCount = reader.ReadUInt64();
        var metadataCount = reader.ReadUInt64();
        if (tensorCount > 1_000_000 || metadataCount > 1_000_000)
        {
            throw new InvalidDataException($"{file} has a corrupted header ({tensorCount} tensors, {metadataCount} metadata entries).");
        }
        var metadata = new Dictionary<string, object>();
        for (ulong i = 0; i < metadataCount; i++)
        {
            var key = ReadString(reader, length);
            metadata[key] = ReadValue(reader, reader.ReadUInt32(), length);
        }
        long parameters = 0;
        long end = 0;
        var typeCounts = new Dictionary<uint, long>();
        for (ulong i = 0; i < tensorCount; i++)
        {
            ReadString(reader, length);
            var dimensions = reader.ReadUInt32();
            if (dimensions > 8)
            {
                throw new InvalidDataException($"{file} has a corrupted tensor table.");
            }
            long elements = 1;
            for (var d = 0; d < dimensions; d++)
            {
                elements *= (long)reader.ReadUInt64();
            }
            var type = reader.ReadUInt32();
            var offset = (long)reader.ReadUInt64();
            parameters += elements;
            typeCounts[type] = typeCounts.GetValueOrDefault(type) + elements;
            end = Math.Max(end, offset + TensorBytes(type, elements));
        }
        var alignment = Convert.ToInt64(metadata.GetValueOrDefault("general.alignment", 32u));
        var dataStart = (reader.BaseStream.Position + alignment - 1) / alignment * alignment;
        if (dataStart + end > length)
        {
            throw new InvalidDataException(
                $"{file} is truncated: its tensors need {dataStart + end:N0} bytes but the file has {length:N0}. Download or convert it again.");
        }
        var architecture = metadata.GetValueOrDefault("general.architecture") as string ?? "unknown";
        return new GgufInfo(
            architecture,
            metadata.GetValueOrDefault("general.name") as string ?? file,
            parameters,
            QuantisationOf(metadata, typeCounts),
            Convert.ToInt32(metadata.GetValueOrDefault($"{architecture}.context_length", 0u)),
            metadata.GetValueOrDefault("tokenizer.chat_template") as string,
            metadata.GetValueOrDefault("general.type") as string ?? "model",
            length);
    }

    private static string ReadString(BinaryReader reader, long length)
    {
        var size = reader.ReadUInt64();
        if (size > (ulong)Math.Min(length, 64 * 1024 * 1024))
        {
            throw new InvalidDataException("corrupted metadata: a string is longer than the file.");
        }
        return Encoding.UTF8.GetString(reader.ReadBytes((int)size));
    }

    private static object ReadValue(BinaryReader reader, uint type, long length) => type switch
    {
        0 => reader.ReadByte(),
        1 => reader.ReadSByte(),
        2 => reader.ReadUInt16(),
        3 => reader.ReadInt16(),
        4 => reader.ReadUInt32(),
        5 => reader.ReadInt32(),
        6 => reader.ReadSingle(),
        7 => reader.ReadBoolean(),
        8 => ReadString(reader, length),
        9 => ReadArray(reader, length),
        10 => reader.ReadUInt64(),
        11 => reader.ReadInt64(),
        12 => reader.ReadDouble(),
        _ => throw new InvalidDataException($"corrupted metadata: unknown value type {type}."),
    };

    private static ulong ReadArray(BinaryReader reader, long length)
    {
        var type = reader.ReadUInt32();
        var count = reader.ReadUInt64();
        if (count > (ulong)length)
        {
            throw new InvalidDataException("corrupted metadata: an array is longer than the file.");
        }
        // Arrays (vocabularies) are skipped value by value; only their length matters here.
        for (ulong i = 0; i < count; i++)
        {
            ReadValue(reader, type, length);
        }
        return count;
    }

    /// <summary>Bytes of a tensor for the ggml types whose block layout is fixed; 0 where unknown (no truncation check).</summary>
    private static long TensorBytes(uint type, long elements) => type switch
    {
        0 => elements * 4,
        1 or 30 => elements * 2,
        2 => elements / 32 * 18,
        3 => elements / 32 * 20,
        6 => elements / 32 * 22,
        7 => elements / 32 * 24,
        8 => elements / 32 * 34,
        10 => elements / 256 * 84,
        11 => elements / 256 * 110,
        12 => elements / 256 * 144,
        13 => elements / 256 * 176,
        14 => elements / 256 * 210,
        _ => 0,
    };

    /// <summary>llama.cpp's LLAMA_FTYPE values for the common quantisations.</summary>
    private static readonly Dictionary<uint, string> FileTypes = new()
    {
        [0] = "F32",
        [1] = "F16",
        [2] = "Q4_0",
        [3] = "Q4_1",
        [7] = "Q8_0",
        [8] = "Q5_0",
        [9] = "Q5_1",
        [10] = "Q2_K",
        [11] = "Q3_K_S",
        [12] = "Q3_K_M",
        [13] = "Q3_K_L",
        [14] = "Q4_K_S",
        [15] = "Q4_K_M",
        [16] = "Q5_K_S",
        [17] = "Q5_K_M",
        [18] = "Q6_K",
        [32] = "BF16",
    };

    private static readonly Dictionary<uint, string> TensorTypes = new() { [0] = "F32", [1] = "F16", [8] = "Q8_0", [12] = "Q4_K", [30] = "BF16" };

    private static string QuantisationOf(Dictionary<string, object> metadata, Dictionary<uint, long> typeCounts)
    {
        if (metadata.GetValueOrDefault("general.file_type") is uint fileType && FileTypes.TryGetValue(fileType, out var name))
        {
            return name;
        }
        var main = typeCounts.OrderByDescending(t => t.Value).Select(t => t.Key).FirstOrDefault();
        return TensorTypes.GetValueOrDefault(main, $"ggml type {main}");
    }
}
