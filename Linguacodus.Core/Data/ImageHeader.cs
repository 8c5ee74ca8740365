using System.Buffers.Binary;

namespace Linguacodus.Core.Data;

/// <summary>
/// What an image file's first bytes say: its format and, for PNG and JPEG, its size and channels. Only the header is
/// read, so profiling a folder of 100,000 images reads a few kilobytes per file, never the pixels.
/// </summary>
/// <param name="Format">Lower-case format name from the magic bytes: png, jpeg, gif, bmp, tiff, webp.</param>
/// <param name="Width">Pixels across; null for formats whose header is not read.</param>
/// <param name="Height">Pixels down; null for formats whose header is not read.</param>
/// <param name="Channels">1 grayscale, 2 grayscale + alpha, 3 colour (palette PNGs too), 4 with alpha or CMYK.</param>
public sealed record ImageHeader(string Format, int? Width, int? Height, int? Channels)
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs to tell every format it knows.</summary>
    public const int MagicLength = 12;

    // A JPEG's frame header comes after its EXIF and colour-profile segments, which can be tens of kilobytes.
    private const int HeadLength = 256 * 1024;

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngEnd => "IEND"u8;

    /// <summary>The image format the magic bytes name, or null when they name none of the formats known here.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head) => head switch
    {
        _ when head.StartsWith(PngSignature) => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "gif",
        [(byte)'B', (byte)'M', ..] when head.Length >= 6 => "bmp",
        [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => "tiff",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        _ => null,
    };

    /// <summary>Reads a file's header.</summary>
    /// <exception cref="InvalidDataException">The file is not an image of a known format, or its header is cut short or damaged.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ImageHeader Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
        var head = new byte[(int)Math.Min(32, stream.Length)];
        stream.ReadExactly(head);
        var format = Sniff(head) ?? throw new InvalidDataException(head.Length == 0 ? "the file is empty" : "not an image: its first bytes match no image format");
        return format switch
        {
            "png" => ReadPng(head, stream),
            "jpeg" => ReadJpeg(stream),
            _ => new ImageHeader(format, null, null, null),
        };
    }

    private static ImageHeader ReadPng(byte[] head, FileStream stream)
    {
        // Signature, then the IHDR chunk: length, "IHDR", width, height, bit depth, colour type.
        if (head.Length < 26 || !head.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("a PNG without its IHDR header");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20));
        int? channels = head[25] switch { 0 => 1, 2 => 3, 3 => 3, 4 => 2, 6 => 4, _ => null };
        if (width <= 0 || height <= 0 || channels is null)
        {
            throw new InvalidDataException($"a PNG header with impossible values ({width}x{height}, colour type {head[25]})");
        }

        // A PNG ends with its IEND chunk; a file cut short in transfer lacks it.
        var tail = new byte[Math.Min(16, (int)stream.Length)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return tail.AsSpan().IndexOf(PngEnd) < 0
            ? throw new InvalidDataException("a PNG cut short (no IEND chunk at its end)")
            : new ImageHeader("png", width, height, channels);
    }

    private static ImageHeader ReadJpeg(FileStream stream)
    {
        var head = new byte[(int)Math.Min(HeadLength, stream.Length)];
        stream.Seek(0, SeekOrigin.Begin);
        stream.ReadExactly(head);
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
            {
                throw new InvalidDataException("a JPEG whose segments are damaged");
            }

            var marker = head[at + 1];
            if (marker is 0xFF or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(at + 2));
            // Start-of-frame markers: C0-CF but for C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding).
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && at + 10 <= head.Length)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(at + 5));
                var width = BinaryPrimitives.ReadUInt16BigEndian(head.AsSpan(at + 7));
                var channels = head[at + 9];
                if (width == 0 || height == 0 || channels is not (1 or 3 or 4))
                {
                    throw new InvalidDataException($"a JPEG frame header with impossible values ({width}x{height}, {channels} components)");
                }

                return EndsJpeg(stream)
                    ? new ImageHeader("jpeg", width, height, channels)
                    : throw new InvalidDataException("a JPEG cut short (no end-of-image marker)");
            }

            if (marker == 0xDA || length < 2)
            {
                break;
            }

            at += 2 + length;
        }

        throw new InvalidDataException("a JPEG without a frame header in its first 256 KB");
    }

    // Encoders put the end-of-image marker last; a little padding after it is tolerated.
    private static bool EndsJpeg(FileStream stream)
    {
        var tail = new byte[Math.Min(32, (int)stream.Length)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return tail.AsSpan().IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
    }
}
