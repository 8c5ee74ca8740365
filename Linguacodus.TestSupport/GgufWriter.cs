using System.Text;

namespace Linguacodus.TestSupport;

/// <summary>
/// Writes a GGUF v3 file (llama.cpp's model format): header, typed metadata, tensor descriptors
/// and 32-byte-aligned tensor data. It covers only what a test model needs: scalar, string and
/// array metadata, and F32/F16 tensors.
/// </summary>
/// <remarks>
/// Layout, all little-endian: magic "GGUF", version, tensor count, metadata count; the metadata
/// (key, type, value); one descriptor per tensor (name, dims fastest-first, ggml type, offset into
/// the data section); padding to the alignment; then each tensor's bytes, padded. llama.cpp checks
/// that each offset equals the padded size of the tensors before it, so data is written in
/// descriptor order with no gaps.
/// </remarks>
internal sealed class GgufWriter
{
    private const uint Alignment = 32;

    // gguf_type values from ggml's gguf.h.
    private const uint TypeUInt32 = 4;
    private const uint TypeInt32 = 5;
    private const uint TypeFloat32 = 6;
    private const uint TypeBool = 7;
    private const uint TypeString = 8;
    private const uint TypeArray = 9;

    // ggml_type values from ggml.h.
    private const uint GgmlF32 = 0;
    private const uint GgmlF16 = 1;

    private readonly List<Entry> _metadata = [];
    private readonly List<Tensor> _tensors = [];
    private readonly HashSet<string> _keys = [];

    public GgufWriter()
    {
        // Written explicitly (32 is also the default) so readers never guess; llama.cpp requires
        // this key to be a uint32.
        AddUInt32("general.alignment", Alignment);
    }

    public void AddUInt32(string key, uint value) =>
        Add(key, TypeUInt32, w => w.Write(value));

    public void AddFloat32(string key, float value) =>
        Add(key, TypeFloat32, w => w.Write(value));

    public void AddBool(string key, bool value) =>
        Add(key, TypeBool, w => w.Write((byte)(value ? 1 : 0)));

    public void AddString(string key, string value) =>
        Add(key, TypeString, w => WriteString(w, value));

    public void AddStringArray(string key, IReadOnlyList<string> values) =>
        Add(key, TypeArray, w => WriteArray(w, TypeString, values, WriteString));

    public void AddFloat32Array(string key, IReadOnlyList<float> values) =>
        Add(key, TypeArray, w => WriteArray(w, TypeFloat32, values, (bw, v) => bw.Write(v)));

    public void AddInt32Array(string key, IReadOnlyList<int> values) =>
        Add(key, TypeArray, w => WriteArray(w, TypeInt32, values, (bw, v) => bw.Write(v)));

    /// <summary>Adds a tensor stored as 32-bit floats.</summary>
    /// <param name="name">The tensor name llama.cpp looks up, e.g. <c>blk.0.attn_q.weight</c>.</param>
    /// <param name="shape">Dimensions fastest-varying first (ggml's <c>ne</c>), e.g. [n_embd, n_vocab].</param>
    /// <param name="values">Row-major values, <c>shape[0]</c> per row.</param>
    public void AddTensorF32(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * sizeof(float)), values[i]);
        }

        AddTensor(name, shape, GgmlF32, values.Length, data);
    }

    /// <summary>Adds a tensor stored as IEEE half floats (converted with round-to-nearest-even).</summary>
    /// <inheritdoc cref="AddTensorF32" path="/param"/>
    public void AddTensorF16(string name, IReadOnlyList<int> shape, ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * sizeof(ushort)];
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(data.AsSpan(i * sizeof(ushort)), BitConverter.HalfToUInt16Bits((Half)values[i]));
        }

        AddTensor(name, shape, GgmlF16, values.Length, data);
    }

    /// <summary>Writes the file, replacing any file at <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        WriteTo(stream);
    }

    /// <summary>Writes the file to a seekable stream, starting at its current position.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        var start = stream.Position;

        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)_tensors.Count);
        w.Write((ulong)_metadata.Count);

        foreach (var entry in _metadata)
        {
            WriteString(w, entry.Key);
            w.Write(entry.Type);
            entry.WriteValue(w);
        }

        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(w, tensor.Name);
            w.Write((uint)tensor.Shape.Length);
            foreach (var dim in tensor.Shape)
            {
                w.Write((ulong)dim);
            }

            w.Write(tensor.GgmlType);
            w.Write(offset);
            offset += Padded((ulong)tensor.Data.Length);
        }

        Pad(w, start);
        foreach (var tensor in _tensors)
        {
            w.Write(tensor.Data);
            Pad(w, start);
        }
    }

    private void Add(string key, uint type, Action<BinaryWriter> writeValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (!_keys.Add(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is already set.", nameof(key));
        }

        _metadata.Add(new Entry(key, type, writeValue));
    }

    private void AddTensor(string name, IReadOnlyList<int> shape, uint ggmlType, int count, byte[] data)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);

        // ggml tensors have at most four dimensions; an element count that disagrees with the shape
        // would make llama.cpp read past the tensor.
        if (shape.Count is < 1 or > 4 || shape.Any(d => d < 1))
        {
            throw new ArgumentException($"Tensor '{name}' needs 1 to 4 positive dimensions.", nameof(shape));
        }

        if (shape.Aggregate(1L, (product, d) => product * d) != count)
        {
            throw new ArgumentException($"Tensor '{name}' has {count} values, which does not match its shape.", nameof(shape));
        }

        if (_tensors.Any(t => t.Name == name))
        {
            throw new ArgumentException($"Tensor '{name}' is already added.", nameof(name));
        }

        _tensors.Add(new Tensor(name, [.. shape], ggmlType, data));
    }

    private static void WriteString(BinaryWriter w, string value)
    {
        // GGUF strings are a uint64 byte length and UTF-8 bytes, no terminator (not BinaryWriter's
        // 7-bit-encoded length prefix).
        var bytes = Encoding.UTF8.GetBytes(value);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteArray<T>(BinaryWriter w, uint itemType, IReadOnlyList<T> values, Action<BinaryWriter, T> writeItem)
    {
        w.Write(itemType);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            writeItem(w, value);
        }
    }

    private static ulong Padded(ulong size) => (size + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter w, long start)
    {
        var written = (ulong)(w.BaseStream.Position - start);
        for (var i = written; i < Padded(written); i++)
        {
            w.Write((byte)0);
        }
    }

    private sealed record Entry(string Key, uint Type, Action<BinaryWriter> WriteValue);

    private sealed record Tensor(string Name, int[] Shape, uint GgmlType, byte[] Data);
}
