namespace Louyu.Web.Modules.Organization.Domain;

/// <summary>How serious a flagged rule is: a breach of a rule the regulations state (<see cref="Violation"/>),
/// or something to look into (<see cref="Warning"/>: "generally", or not decidable from the records yet).</summary>
public enum CheckSeverity
{
    Warning,
    Violation,
}

/// <summary>One flagged rule: a stable code, its severity, the resource key of its message (with arguments) and
/// the source shown to users.</summary>
public sealed record OrganizationCheck(
    string Code,
    CheckSeverity Severity,
    string MessageKey,
    string Source,
    object[] Args
);

/// <summary>
/// The facts about one organisation on one day. <paramref name="Members"/>: party members (probationary or full)
/// whose relationship sits in it; <paramref name="FullMembers"/>: those of them full members by that day;
/// <paramref name="Enterprises"/>: the coverage facts of each enterprise it covers that day;
/// <paramref name="CommitteeMembers"/>: the people holding positions in its current term (书记、委员 …).
/// </summary>
public sealed record OrganizationFacts(
    OrganizationType Type,
    int Members,
    int FullMembers,
    IReadOnlyList<CoverageFacts> Enterprises,
    int CommitteeMembers = 0
);

/// <summary>
/// The rules of a branch's size and make-up (domain-rules §3.1–3.3, §6), pure and unit-tested. Each check names its
/// source, shown to users.
/// </summary>
public static class OrganizationRules
{
    /// <summary>At least 3 full members for a branch of its own (Art. 4).</summary>
    public const int MinFullMembersForBranch = CoverageRules.FullMembersForOwnBranch;

    /// <summary>From 7 full members a branch committee is set up (§3.3).</summary>
    public const int FullMembersForCommittee = 7;

    /// <summary>A branch committee has 3–5 members (§3.3); fewer positions in the current term is no committee.</summary>
    public const int MinCommitteeMembers = 3;

    /// <summary>A branch generally has at most 50 members (Art. 4).</summary>
    public const int MaxBranchMembers = 50;

    /// <summary>A joint branch generally covers at most 5 units (Art. 5).</summary>
    public const int MaxJointBranchEnterprises = 5;

    public const string TooFewFullMembersSource =
        "依据《中国共产党支部工作条例（试行）》第四条、第五条";
    public const string CommitteeSource =
        "依据《中国共产党支部工作条例（试行）》支部委员会建设一章（正式党员 7 人以上设支部委员会）";
    public const string TooManyMembersSource = "依据《中国共产党支部工作条例（试行）》第四条";
    public const string JointBranchSizeSource = "依据《中国共产党支部工作条例（试行）》第五条";
    public const string OwnBranchSource = "依据" + CoverageRules.OwnBranchSource;

    public const string TooFewFullMembers = "TooFewFullMembers";
    public const string CommitteeRequired = "CommitteeRequired";
    public const string TooManyMembers = "TooManyMembers";
    public const string JointBranchTooLarge = "JointBranchTooLarge";
    public const string EnterpriseNeedsOwnBranch = "EnterpriseNeedsOwnBranch";

    private static bool IsBranch(OrganizationType t) =>
        t is OrganizationType.Branch or OrganizationType.JointBranch;

    /// <summary>Every rule the organisation breaks or should look into, in a fixed order.</summary>
    public static IReadOnlyList<OrganizationCheck> Check(OrganizationFacts f)
    {
        var checks = new List<OrganizationCheck>();
        if (f.Type == OrganizationType.Branch && f.FullMembers < MinFullMembersForBranch)
            checks.Add(
                new(
                    TooFewFullMembers,
                    CheckSeverity.Violation,
                    "Organizations.Check.TooFewFullMembers",
                    TooFewFullMembersSource,
                    [f.FullMembers, MinFullMembersForBranch]
                )
            );
        if (
            IsBranch(f.Type)
            && f.FullMembers >= FullMembersForCommittee
            && f.CommitteeMembers < MinCommitteeMembers
        )
            checks.Add(
                new(
                    CommitteeRequired,
                    CheckSeverity.Warning,
                    "Organizations.Check.CommitteeRequired",
                    CommitteeSource,
                    [f.FullMembers, FullMembersForCommittee]
                )
            );
        if (IsBranch(f.Type) && f.Members > MaxBranchMembers)
            checks.Add(
                new(
                    TooManyMembers,
                    CheckSeverity.Warning,
                    "Organizations.Check.TooManyMembers",
                    TooManyMembersSource,
                    [f.Members, MaxBranchMembers]
                )
            );
        if (
            f.Type == OrganizationType.JointBranch
            && f.Enterprises.Count > MaxJointBranchEnterprises
        )
            checks.Add(
                new(
                    JointBranchTooLarge,
                    CheckSeverity.Warning,
                    "Organizations.Check.JointBranchTooLarge",
                    JointBranchSizeSource,
                    [f.Enterprises.Count, MaxJointBranchEnterprises]
                )
            );
        // The coverage rule, not a second copy of it: an enterprise it covers has ≥ 3 full members and no own branch.
        var needOwn = f.Enterprises.Count(e =>
            CoverageRules.Todo(e).HasFlag(CoverageTodo.FullMembersNoOwnOrganization)
        );
        if (needOwn > 0)
            checks.Add(
                new(
                    EnterpriseNeedsOwnBranch,
                    CheckSeverity.Warning,
                    "Organizations.Check.EnterpriseNeedsOwnBranch",
                    OwnBranchSource,
                    [needOwn, MinFullMembersForBranch]
                )
            );
        return checks;
    }
}
