namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>
/// Where one enterprise stands in the two coverages (两个覆盖), most covered first. An enterprise has exactly one
/// state; the to-do lists of a party worker are separate flags (<see cref="CoverageTodo"/>), because an enterprise
/// with members and an instructor is work-covered (<see cref="InstructorOnly"/>) yet still belongs on the list of
/// "members but no organisation of any kind".
/// </summary>
public enum CoverageState
{
    /// <summary>单独组建: in a branch, general branch or committee of its own.</summary>
    OwnOrganization,

    /// <summary>联合组建: in a joint branch or an organisation covering several enterprises.</summary>
    JointOrganization,

    /// <summary>No organisation, but a party-building instructor (党建指导员) — work coverage only.</summary>
    InstructorOnly,

    /// <summary>Party members work there, but there is neither an organisation nor an instructor.</summary>
    MembersNoOrganization,

    /// <summary>Neither organisation, instructor nor members.</summary>
    Nothing,
}

/// <summary>The to-do flags of one enterprise (domain-rules §6, last point).</summary>
[Flags]
public enum CoverageTodo
{
    None = 0,

    /// <summary>≥ 3 full members and no organisation of its own: a branch should be set up there.</summary>
    FullMembersNoOwnOrganization = 1,

    /// <summary>Party members work there and no organisation of any kind covers it (an instructor does not count).</summary>
    MembersNoOrganization = 2,

    /// <summary>Neither an organisation nor an instructor: outside both coverages.</summary>
    Uncovered = 4,
}

/// <summary>
/// The facts about one enterprise on one day, as counted from the dated rows.
/// <paramref name="HasOwnOrganization"/>: linked to a live branch, general branch or committee that covers no other
/// enterprise that day. <paramref name="InJointOrganization"/>: linked to a live joint branch, or to a live
/// organisation (other than a party group) that covers several enterprises. <paramref name="HasInstructor"/>: a live
/// instructor assignment. <paramref name="Members"/>: party members (probationary or full, joined on or before the
/// day) whose workplace is the enterprise; <paramref name="FullMembers"/>: those of them full members by that day.
/// </summary>
public readonly record struct CoverageFacts(
    bool HasOwnOrganization,
    bool InJointOrganization,
    bool HasInstructor,
    int Members,
    int FullMembers
)
{
    public bool HasOrganization => HasOwnOrganization || InJointOrganization;
}

/// <summary>
/// The rules of the two coverages, pure and unit-tested. Each rule names its source, shown to users as
/// "依据《…》第N条". The counts in <see cref="CoverageFacts"/> matter only through two thresholds:
/// <c>Members &gt; 0</c> and <c>FullMembers ≥ <see cref="FullMembersForOwnBranch"/></c> (the query relies on that).
/// </summary>
public static class CoverageRules
{
    /// <summary>A branch is set up wherever there are at least 3 full members (domain-rules §3.1) [T].</summary>
    public const int FullMembersForOwnBranch = 3;

    /// <summary>Source of <see cref="CoverageTodo.FullMembersNoOwnOrganization"/> (domain-rules §3.1, §6).</summary>
    public const string OwnBranchSource =
        "《中国共产党支部工作条例（试行）》第四条；中办发〔2012〕11号";

    /// <summary>Source of <see cref="CoverageTodo.MembersNoOrganization"/>: units below 3 full members join a
    /// joint branch (domain-rules §3.2, §6).</summary>
    public const string JointBranchSource =
        "《中国共产党支部工作条例（试行）》第五条；中办发〔2012〕11号";

    /// <summary>Source of <see cref="CoverageTodo.Uncovered"/> and of both rates (domain-rules §6) [S].</summary>
    public const string CoverageSource = "中办发〔2012〕11号";

    /// <summary>The one state of an enterprise: own, then joint, then instructor, then members, then nothing.</summary>
    public static CoverageState Classify(CoverageFacts f) =>
        f.HasOwnOrganization ? CoverageState.OwnOrganization
        : f.InJointOrganization ? CoverageState.JointOrganization
        : f.HasInstructor ? CoverageState.InstructorOnly
        : f.Members > 0 ? CoverageState.MembersNoOrganization
        : CoverageState.Nothing;

    /// <summary>The to-do lists the enterprise belongs on (independent of one another and of the state).</summary>
    public static CoverageTodo Todo(CoverageFacts f)
    {
        var todo = CoverageTodo.None;
        if (!f.HasOwnOrganization && f.FullMembers >= FullMembersForOwnBranch)
            todo |= CoverageTodo.FullMembersNoOwnOrganization;
        if (!f.HasOrganization && f.Members > 0)
            todo |= CoverageTodo.MembersNoOrganization;
        if (!f.HasOrganization && !f.HasInstructor)
            todo |= CoverageTodo.Uncovered;
        return todo;
    }

    /// <summary>Organisation-covered: own or joint (组织覆盖).</summary>
    public static bool OrganizationCovered(CoverageState s) =>
        s is CoverageState.OwnOrganization or CoverageState.JointOrganization;

    /// <summary>Work-covered: an organisation or an instructor (工作覆盖).</summary>
    public static bool WorkCovered(CoverageState s) =>
        OrganizationCovered(s) || s == CoverageState.InstructorOnly;

    /// <summary>A share rounded to 4 decimals, 0 when there is nothing to share (as the overview reports it).</summary>
    public static double Rate(int part, int whole) =>
        whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>组织覆盖率 = (单独组建 + 联合组建) ÷ enterprises.</summary>
    public static double OrganizationCoverageRate(CoverageCounts c) =>
        Rate(c.OwnOrganization + c.JointOrganization, c.Enterprises);

    /// <summary>工作覆盖率 = (单独组建 + 联合组建 + 指导员) ÷ enterprises (provisional, domain-rules §6).</summary>
    public static double WorkCoverageRate(CoverageCounts c) =>
        Rate(c.OwnOrganization + c.JointOrganization + c.InstructorOnly, c.Enterprises);
}

/// <summary>Enterprises per state; <see cref="Enterprises"/> is their sum.</summary>
public sealed record CoverageCounts(
    int OwnOrganization,
    int JointOrganization,
    int InstructorOnly,
    int MembersNoOrganization,
    int Nothing
)
{
    public int Enterprises =>
        OwnOrganization + JointOrganization + InstructorOnly + MembersNoOrganization + Nothing;

    public static CoverageCounts From(IEnumerable<(CoverageState State, int Count)> groups)
    {
        var n = new int[5];
        foreach (var (state, count) in groups)
            n[(int)state] += count;
        return new CoverageCounts(n[0], n[1], n[2], n[3], n[4]);
    }
}
