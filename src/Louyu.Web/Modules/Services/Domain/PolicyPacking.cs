namespace Louyu.Web.Modules.Services.Domain;

/// <summary>
/// One enterprise's facts packed for one day's district pass: bit masks and integers, no strings, no dates. Agrees with
/// <see cref="PolicySubject"/> through <see cref="PackingTable.Pack(PolicySubject, DateOnly)"/>.
/// </summary>
public readonly record struct PackedSubject(
    bool Present,
    uint Industry,
    uint Size, // 0: size not registered; UnknownSize: a name outside PolicyMatching.SizeNames
    int Employees,
    int Years, // full years since founding on the day; -1: founding date not registered
    int Building,
    ulong Tags
);

/// <summary>A policy's criteria packed against a <see cref="PackingTable"/> (building numbers, tag bits).</summary>
public sealed class PackedCriteria
{
    internal uint Industry;
    internal uint Size;
    internal int MinEmployees = int.MinValue;
    internal int MaxEmployees = int.MaxValue;
    internal bool Years;
    internal int MinYears = int.MinValue;
    internal int MaxYears = int.MaxValue;
    internal bool[]? Buildings;
    internal ulong TagsAll;
    internal ulong TagsAny;
}

/// <summary>
/// Numbers for the buildings and bits for the tags that subjects and criteria are packed with, so that the district
/// pass of <see cref="PolicyMatching"/> compares integers: the same result as
/// <see cref="PolicyMatching.Evaluate(PolicyMatching.Compiled, PolicySubject, DateOnly)"/> for every subject and
/// criteria (a unit test holds them together). Tags get one of 64 bits in the order they are met; a subject's tag
/// met after the 64th gets none, and criteria naming such a tag cannot be packed (the caller evaluates them unpacked),
/// so a missing bit never changes a result. Not thread-safe: the caller packs under its lock.
/// </summary>
public sealed class PackingTable
{
    public const uint UnknownSize = 1u << 31;

    private readonly Dictionary<Guid, int> _buildings = [];
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);

    private int BuildingNumber(Guid id)
    {
        if (!_buildings.TryGetValue(id, out var n))
            _buildings[id] = n = _buildings.Count;
        return n;
    }

    private bool TagBit(string tag, out ulong bit)
    {
        if (!_tags.TryGetValue(tag, out var n))
        {
            if (_tags.Count == 64)
            {
                bit = 0;
                return false;
            }
            _tags[tag] = n = _tags.Count;
        }
        bit = 1ul << n;
        return true;
    }

    public PackedSubject Pack(PolicySubject s, DateOnly day)
    {
        ulong tags = 0;
        foreach (var t in s.Tags)
            if (TagBit(t, out var bit))
                tags |= bit;
        var size =
            s.Size is null ? 0u
            : PolicyMatching.SizeBit(s.Size) is var b and not 0 ? b
            : UnknownSize;
        return new PackedSubject(
            true,
            PolicyMatching.IndustryBit(s.Industry),
            size,
            s.Employees,
            s.FoundedOn is { } f ? PolicyMatching.FullYears(f, day) : -1,
            BuildingNumber(s.BuildingId),
            tags
        );
    }

    /// <summary>The criteria packed, or null when one of their tags has no bit (evaluate them unpacked).</summary>
    public PackedCriteria? Pack(PolicyMatching.Compiled c)
    {
        var p = new PackedCriteria
        {
            Industry = c.IndustryMask,
            Size = c.SizeMask,
            MinEmployees = c.MinEmployees ?? int.MinValue,
            MaxEmployees = c.MaxEmployees ?? int.MaxValue,
            Years = c.MinYears is not null || c.MaxYears is not null,
            MinYears = c.MinYears ?? int.MinValue,
            MaxYears = c.MaxYears ?? int.MaxValue,
        };
        if (c.Buildings is { } buildings)
        {
            var numbers = buildings.Select(BuildingNumber).ToList();
            p.Buildings = new bool[_buildings.Count];
            foreach (var n in numbers)
                p.Buildings[n] = true;
        }
        foreach (var t in c.TagsAll)
        {
            if (!TagBit(t, out var bit))
                return null;
            p.TagsAll |= bit;
        }
        foreach (var t in c.TagsAny)
        {
            if (!TagBit(t, out var bit))
                return null;
            p.TagsAny |= bit;
        }
        return p;
    }
}

public static partial class PolicyMatching
{
    /// <summary>The overall result from packed facts; equal to the unpacked <c>Evaluate</c> (same order of checks).</summary>
    [System.Runtime.CompilerServices.MethodImpl(
        System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining
            | System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization
    )]
    public static MatchResult Evaluate(PackedCriteria c, in PackedSubject s)
    {
        var unknown = false;
        if (c.Industry != 0 && (c.Industry & s.Industry) == 0)
            return MatchResult.NotEligible;
        if (c.Size != 0)
        {
            if (s.Size == 0)
                unknown = true;
            else if ((c.Size & s.Size) == 0)
                return MatchResult.NotEligible;
        }
        if (s.Employees < c.MinEmployees || s.Employees > c.MaxEmployees)
            return MatchResult.NotEligible;
        if (c.Years)
        {
            if (s.Years < 0)
                unknown = true;
            else if (s.Years < c.MinYears || s.Years > c.MaxYears)
                return MatchResult.NotEligible;
        }
        if (c.Buildings is { } b && (s.Building >= b.Length || !b[s.Building]))
            return MatchResult.NotEligible;
        if ((s.Tags & c.TagsAll) != c.TagsAll)
            return MatchResult.NotEligible;
        if (c.TagsAny != 0 && (s.Tags & c.TagsAny) == 0)
            return MatchResult.NotEligible;
        return unknown ? MatchResult.Possible : MatchResult.Eligible;
    }
}
