using Linguacodus.Core.Data;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>Refuses a file named like an image whose first bytes are no image format's (a renamed archive or program).</summary>
internal sealed class ImageSniffer(string displayName) : IUploadCheck
{
    private readonly byte[] _head = new byte[ImageHeader.MagicLength];
    private int _length;
    private bool _judged;

    /// <inheritdoc/>
    public string? Add(ReadOnlySpan<byte> block)
    {
        if (_judged)
        {
            return null;
        }
        var take = Math.Min(block.Length, _head.Length - _length);
        block[..take].CopyTo(_head.AsSpan(_length));
        _length += take;
        return _length == _head.Length ? Judge() : null;
    }

    /// <inheritdoc/>
    public string? Finish() => _judged ? null : Judge();

    private string? Judge()
    {
        _judged = true;
        return _length == 0 ? $"'{displayName}' is empty."
            : ImageHeader.Sniff(_head.AsSpan(0, _length)) is null ? $"'{displayName}' is named like an image but its first bytes are not those of a PNG, JPEG, GIF, BMP, TIFF or WebP file."
            : null;
    }
}
