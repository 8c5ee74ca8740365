namespace Linguacodus.Core.Data;

/// <summary>What reading one field's quotes found.</summary>
internal enum FieldQuoting
{
    /// <summary>The field was read; its text is in the destination.</summary>
    Read,

    /// <summary>A quote in the middle of the field hid a comma or a line break from the split.</summary>
    StrayQuote,

    /// <summary>The field opens a quote that the file never closes.</summary>
    NeverClosed,
}

/// <summary>
/// Reads the quotes of one field the way pandas' C parser does (and the project's reader always has): a quote opens a
/// quoted field only as the field's first character, a doubled quote inside stands for one, text after the closing
/// quote is kept, and anywhere else a quote is plain text.
/// </summary>
/// <remarks>
/// Sep splits a row only where it has seen an even number of quotes since the field began, so a comma or a line break
/// left outside quotes in a field means a stray quote made Sep's split differ from pandas'; that is reported rather
/// than read differently from the Python code that will read the same file.
/// </remarks>
internal static class CsvQuoting
{
    /// <param name="raw">The field as Sep split it, quotes included.</param>
    /// <param name="destination">At least as long as <paramref name="raw"/>.</param>
    /// <param name="written">How many characters of <paramref name="destination"/> hold the field's text.</param>
    public static FieldQuoting Unquote(ReadOnlySpan<char> raw, Span<char> destination, out int written)
    {
        written = 0;
        if (raw.IsEmpty || raw[0] != '"')
        {
            return Plain(raw, destination, ref written);
        }

        var rest = raw[1..];
        while (true)
        {
            var quote = rest.IndexOf('"');
            if (quote < 0)
            {
                return FieldQuoting.NeverClosed;
            }

            Copy(rest[..quote], destination, ref written);
            if (quote + 1 < rest.Length && rest[quote + 1] == '"')
            {
                destination[written++] = '"';
                rest = rest[(quote + 2)..];
                continue;
            }

            return Plain(rest[(quote + 1)..], destination, ref written);
        }
    }

    private static FieldQuoting Plain(ReadOnlySpan<char> text, Span<char> destination, ref int written)
    {
        if (text.IndexOfAny(',', '\r', '\n') >= 0)
        {
            return FieldQuoting.StrayQuote;
        }

        Copy(text, destination, ref written);
        return FieldQuoting.Read;
    }

    private static void Copy(ReadOnlySpan<char> text, Span<char> destination, ref int written)
    {
        text.CopyTo(destination[written..]);
        written += text.Length;
    }
}
