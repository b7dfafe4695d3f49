using System.Text.Json;
using System.Text.Json.Serialization;

namespace Louyu.Web.Modules.PartyAffairs.Domain.Development;

/// <summary>How a rule of the rule book judges a step.</summary>
public enum RuleKind
{
    Order, // a step follows the one before it
    MinAge, // applicant's age on the step's date
    Within, // a step is due within N months of another (late → flagged)
    NotBefore, // a step may not come before N months after another
    Probation, // NotBefore, plus the recorded extension of probation
    Extension, // the allowed length of an extension of probation
    Introducers, // who may introduce a development target
    Training, // length of the short training
    Publicity, // public announcement (公示) for N working days before the step
    Vote, // branch meeting quorum and majority
    Periodic, // a recurring assessment every N months from step After until step Step is done (late → flagged)
    Cancellation, // probation may be cancelled between step After and step Step
}

/// <summary>Refuse the step (422), or accept it and flag it (a late step cannot be undone).</summary>
public enum RuleSeverity
{
    Refuse,
    Flag,
}

public sealed record DevelopmentStage(int No, string Zh, string En);

public sealed record DevelopmentStep(int No, int Stage, string Zh, string En);

/// <summary>
/// One rule of member development: which step it judges, against which earlier step, with which limits, its
/// source, and its message in both languages ({0}, {1} are the rule's figures or dates).
/// </summary>
public sealed record DevelopmentRule(
    string Id,
    [property: JsonConverter(typeof(JsonStringEnumConverter<RuleKind>))] RuleKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<RuleSeverity>))] RuleSeverity Severity,
    string Source,
    string Zh,
    string En,
    int? Step = null,
    int? After = null,
    int? Months = null,
    int? Years = null,
    int? Count = null,
    int? Days = null,
    int? Hours = null,
    int? WorkingDays = null,
    int? MinMonths = null,
    int? MaxMonths = null
);

/// <summary>
/// The rule book of member development (domain-rules §2): the 5 stages, the 25 steps and every order and time rule,
/// as data. A revision of the regulations is a change of this data (development-rules.json), not of code.
/// </summary>
public sealed record DevelopmentRuleBook(
    string Edition,
    IReadOnlyList<DevelopmentStage> Stages,
    IReadOnlyList<DevelopmentStep> Steps,
    IReadOnlyList<DevelopmentRule> Rules
)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DevelopmentRuleBook Parse(string json) =>
        JsonSerializer.Deserialize<DevelopmentRuleBook>(json, Json)
        ?? throw new InvalidDataException("Empty development rule book");

    /// <summary>The rule book shipped with Louyu (细则 2014), read from the embedded development-rules.json.</summary>
    public static DevelopmentRuleBook Default { get; } = LoadDefault();

    private static DevelopmentRuleBook LoadDefault()
    {
        var asm = typeof(DevelopmentRuleBook).Assembly;
        var name = asm.GetManifestResourceNames().Single(n => n.EndsWith("development-rules.json"));
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    public DevelopmentStep StepNo(int no) => Steps.Single(s => s.No == no);

    public IEnumerable<DevelopmentRule> RulesFor(int step) => Rules.Where(r => r.Step == step);

    public DevelopmentRule Rule(string id) => Rules.Single(r => r.Id == id);

    public DevelopmentRule? RuleOf(RuleKind kind) => Rules.FirstOrDefault(r => r.Kind == kind);
}
