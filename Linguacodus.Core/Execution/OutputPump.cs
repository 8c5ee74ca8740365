using System.Buffers;
using System.Text;

namespace Linguacodus.Core.Execution;

/// <summary>
/// Splits a program's output into lines without ever holding more than one capped line: a line longer than
/// <c>maxLineChars</c> is cut and the rest of it is counted, not kept, so a 10 GB line costs no memory.
/// Line ends are \n, \r\n or a lone \r, as <see cref="StreamReader.ReadLine"/> has them.
/// </summary>
internal static class OutputPump
{
    private const int ChunkBytes = 64 * 1024;

    public static async Task PumpAsync(Stream stream, int maxLineChars, Action<string> receive)
    {
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var chars = ArrayPool<char>.Shared.Rent(ChunkBytes + 1);
        var line = new StringBuilder();
        long cut = 0;
        var afterCr = false;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(bytes.AsMemory(0, ChunkBytes));
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                var start = 0;
                for (var i = 0; i < count; i++)
                {
                    var c = chars[i];
                    if (c is not ('\n' or '\r'))
                    {
                        afterCr = false;
                        continue;
                    }
                    if (c == '\n' && afterCr)
                    {
                        // The \n of a \r\n: the line already ended at the \r.
                        afterCr = false;
                        start = i + 1;
                        continue;
                    }
                    Add(chars.AsSpan(start, i - start));
                    Emit();
                    afterCr = c == '\r';
                    start = i + 1;
                }
                Add(chars.AsSpan(start, count - start));
                if (read == 0)
                {
                    if (line.Length > 0 || cut > 0)
                    {
                        Emit();
                    }
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }

        void Add(ReadOnlySpan<char> text)
        {
            var room = Math.Max(0, maxLineChars - line.Length);
            line.Append(text[..Math.Min(room, text.Length)]);
            cut += Math.Max(0, text.Length - room);
        }

        void Emit()
        {
            var text = cut > 0 ? $"{line} [line cut: {cut:N0} more characters]" : line.ToString();
            line.Clear();
            cut = 0;
            receive(text);
        }
    }
}
