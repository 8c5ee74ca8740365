using System.Text;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// Looks at the start of an upload as it streams in, so a file that cannot be a CSV table is refused after its first
/// megabyte, not after all of it: compressed archives (a zip bomb named .csv), binary data, text that is not UTF-8,
/// and a "CSV" whose first line never ends (a 1 GB one-line file).
/// </summary>
internal sealed class UploadSniffer(string displayName) : IUploadCheck
{
    /// <summary>The header row and first rows of any real table fit in this; a longer first line is not a table.</summary>
    public const int HeadBytes = 1024 * 1024;

    private static readonly (byte[] Magic, string Kind)[] Archives =
    [
        ([0x50, 0x4B, 0x03, 0x04], "a zip archive"),
        ([0x1F, 0x8B], "gzip-compressed"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], "a 7-Zip archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed"),
    ];

    private readonly byte[] _head = new byte[HeadBytes];
    private int _length;
    private long _total;

    /// <inheritdoc/>
    public string? Add(ReadOnlySpan<byte> block)
    {
        _total += block.Length;
        if (_length >= HeadBytes)
        {
            return null;
        }
        var take = Math.Min(block.Length, HeadBytes - _length);
        block[..take].CopyTo(_head.AsSpan(_length));
        _length += take;
        return _length >= HeadBytes ? Judge(complete: false) : null;
    }

    /// <inheritdoc/>
    public string? Finish() => _length >= HeadBytes ? null : Judge(complete: true);

    private string? Judge(bool complete)
    {
        var head = _head.AsSpan(0, _length);
        if (_total == 0)
        {
            return $"'{displayName}' is empty.";
        }
        foreach (var (magic, kind) in Archives)
        {
            if (head.StartsWith(magic))
            {
                return $"'{displayName}' is {kind}, not a CSV file; unpack it and upload the CSV inside.";
            }
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return $"'{displayName}' is UTF-16 text; save it as UTF-8 CSV and upload it again.";
        }
        if (head.IndexOf((byte)0) is var nul and >= 0)
        {
            return $"'{displayName}' holds binary data (a zero byte at position {nul:N0}), not CSV text.";
        }
        if (!complete && head.IndexOf((byte)'\n') < 0)
        {
            return $"The first line of '{displayName}' is longer than {HeadBytes / 1024 / 1024} MB: that is not a table with a header row.";
        }
        // A multi-byte character may be cut at the end of the head; only what lies before the last line end must decode.
        var checkedPart = complete ? head : head[..(head.LastIndexOf((byte)'\n') + 1)];
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetCharCount(checkedPart);
        }
        catch (DecoderFallbackException error)
        {
            var at = error.Index >= 0 ? $" (at byte {error.Index:N0})" : "";
            return $"'{displayName}' is not UTF-8 text{at}; save it as UTF-8 CSV (e.g. \"CSV UTF-8\" in a spreadsheet) and upload it again.";
        }
        return null;
    }
}
