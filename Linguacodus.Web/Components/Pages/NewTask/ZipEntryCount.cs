using System.Buffers.Binary;

namespace Linguacodus.Web.Components.Pages.NewTask;

/// <summary>
/// Reads how many entries a zip says it holds from its end records, before <see cref="System.IO.Compression.ZipArchive"/>
/// loads the whole central directory into memory: a small archive can list millions of empty entries.
/// </summary>
internal static class ZipEntryCount
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;

    /// <summary>The entry count the archive declares, or null when it has no readable end record (it is no zip).</summary>
    public static long? Read(Stream zip)
    {
        // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
        var tailLength = (int)Math.Min(zip.Length, EndLength + ushort.MaxValue + Zip64LocatorLength);
        var tail = new byte[tailLength];
        zip.Seek(-tailLength, SeekOrigin.End);
        zip.ReadExactly(tail);
        for (var at = tailLength - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
            {
                continue;
            }
            var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (count != ushort.MaxValue)
            {
                return count;
            }
            // ZIP64: the real count is in the ZIP64 end record, which the locator just before this record points to.
            if (at < Zip64LocatorLength || BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at - Zip64LocatorLength)) != Zip64LocatorSignature)
            {
                return null;
            }
            var offset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(at - Zip64LocatorLength + 8));
            if (offset < 0 || offset > zip.Length - 56)
            {
                return null;
            }
            var record = new byte[56];
            zip.Seek(offset, SeekOrigin.Begin);
            zip.ReadExactly(record);
            return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
                ? BinaryPrimitives.ReadInt64LittleEndian(record.AsSpan(32))
                : null;
        }
        return null;
    }
}
