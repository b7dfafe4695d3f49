using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>No CJK font could be found for the letter PDF.</summary>
public sealed class LetterFontMissingException(string message) : Exception(message);

/// <summary>
/// The Chinese font of the transfer letter. PDFsharp 6.2 reads one font face per <see cref="IFontResolver.GetFont"/>
/// and fails on a TrueType/OpenType collection (.ttc) given whole, so a face is cut out of a collection here
/// (<see cref="ExtractFace"/>). PDFsharp subsets fonts with TrueType (glyf) outlines; a CFF-outline face such as
/// Noto CJK is embedded whole (about 13 MB per letter), so faces with TrueType outlines are searched first
/// (AR PL UMing from Debian's fonts-arphic-uming, then WenQuanYi and Droid Sans Fallback), Noto CJK last.
/// </summary>
public static class LetterFont
{
    public const string Family = "LouyuLetter";

    /// <summary>Candidates in order: path and face index within a collection.</summary>
    public static readonly (string Path, int Face)[] Candidates =
    [
        ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
        ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
        ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ];

    private static readonly Lock Gate = new();
    private static byte[]? face;
    private static string? loadedFrom;

    /// <summary>Where the font was loaded from (after <see cref="Ensure"/>).</summary>
    public static string? LoadedFrom => loadedFrom;

    /// <summary>Loads the font once and registers the resolver; throws <see cref="LetterFontMissingException"/> when none is found.</summary>
    public static void Ensure(TransferOptions options)
    {
        lock (Gate)
        {
            if (face is not null)
                return;
            var tried = new List<string>();
            IEnumerable<(string Path, int Face)> candidates = string.IsNullOrWhiteSpace(
                options.FontPath
            )
                ? Candidates
                : [(options.FontPath, options.FontFaceIndex)];
            foreach (var (path, index) in candidates)
            {
                tried.Add(path);
                if (!File.Exists(path))
                    continue;
                var bytes = File.ReadAllBytes(path);
                face = IsCollection(bytes) ? ExtractFace(bytes, index) : bytes;
                loadedFrom = path;
                GlobalFontSettings.FontResolver ??= new Resolver();
                return;
            }
            throw new LetterFontMissingException(
                "No Chinese font for the transfer letter. Install fonts-arphic-uming (or fonts-noto-cjk), or set "
                    + "PartyAffairs:Transfers:FontPath to a .ttf/.otf/.ttc file. Tried: "
                    + string.Join(", ", tried)
            );
        }
    }

    private sealed class Resolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(Family);

        public byte[]? GetFont(string faceName) => face;
    }

    public static bool IsCollection(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(bytes) == 0x74746366; // 'ttcf'

    /// <summary>
    /// One face of a font collection as a stand-alone font file: its table directory rewritten with the tables
    /// copied after it (4-byte aligned). Tables shared between faces are copied into each.
    /// </summary>
    public static byte[] ExtractFace(byte[] ttc, int index)
    {
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(8));
        if (index < 0 || index >= count)
            throw new LetterFontMissingException(
                $"Font collection has {count} faces; face {index} does not exist."
            );
        var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12 + 4 * index));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(offset + 4));
        var header = 12 + 16 * tables;
        var records = new (uint Tag, uint Sum, int Offset, int Length)[tables];
        for (var i = 0; i < tables; i++)
        {
            var r = ttc.AsSpan(offset + 12 + 16 * i);
            records[i] = (
                BinaryPrimitives.ReadUInt32BigEndian(r),
                BinaryPrimitives.ReadUInt32BigEndian(r[4..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(r[8..]),
                (int)BinaryPrimitives.ReadUInt32BigEndian(r[12..])
            );
        }
        var output = new byte[header + records.Sum(r => (long)((r.Length + 3) & ~3))];
        ttc.AsSpan(offset, 12).CopyTo(output);
        var position = header;
        for (var i = 0; i < tables; i++)
        {
            var (tag, sum, from, length) = records[i];
            var w = output.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(w, tag);
            BinaryPrimitives.WriteUInt32BigEndian(w[4..], sum);
            BinaryPrimitives.WriteUInt32BigEndian(w[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(w[12..], (uint)length);
            ttc.AsSpan(from, length).CopyTo(output.AsSpan(position));
            position += (length + 3) & ~3;
        }
        return output;
    }
}
