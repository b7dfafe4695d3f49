using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Terms;

/// <summary>A position in an election as sent by a client: a role, and a member or a named person.</summary>
public sealed class PositionInput
{
    public string? Role { get; set; }
    public string? MemberId { get; set; }
    public string? PersonName { get; set; }
}

/// <summary>An election (换届) as sent by a client; dates are YYYY-MM-DD strings so a bad value is a field message.</summary>
public sealed class TermInput
{
    public string? ElectedOn { get; set; }

    /// <summary>The higher organisation's approval (批准文号) of an early or late election.</summary>
    public string? ApprovalReference { get; set; }
    public string? Notes { get; set; }
    public List<PositionInput>? Positions { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

public sealed record PositionValues(CommitteeRole Role, Guid? MemberId, string? PersonName);

public sealed record TermValues(
    DateOnly ElectedOn,
    string? ApprovalReference,
    string? Notes,
    IReadOnlyList<PositionValues> Positions
);

/// <summary>
/// The field rules of an election: a date not in the future; one to fifteen positions, exactly one secretary (书记),
/// each with a known role and a member or a name, no member twice. Whether the members belong to the organisation
/// is checked by the service.
/// </summary>
public static class TermInputRules
{
    public const int MaxPositions = 15;
    public const int MaxNotes = 380;
    public const int MaxApproval = 100;

    /// <summary>The approval reference is kept as the first line of the term's notes (no column of its own).</summary>
    public const string ApprovalMarker = "批准文号：";

    public static (TermValues? Values, List<FieldError> Errors) Validate(
        TermInput input,
        DateOnly today,
        bool requireVersion
    )
    {
        var errors = new List<FieldError>();
        var elected = FieldRules.Date(errors, "electedOn", input.ElectedOn, today, required: true);
        var approval = FieldRules.Text(
            errors,
            "approvalReference",
            input.ApprovalReference,
            MaxApproval,
            required: false
        );
        if (approval is not null && (approval.Contains('\n') || approval.Contains('\r')))
        {
            errors.Add(FieldError.Of("approvalReference", "Validation.SingleLine"));
            approval = null;
        }
        var notes = FieldRules.Text(errors, "notes", input.Notes, MaxNotes, required: false);
        var positions = new List<PositionValues>();
        var raw = input.Positions ?? [];
        if (raw.Count == 0)
            errors.Add(FieldError.Of("positions", "Validation.PositionsRequired"));
        else if (raw.Count > MaxPositions)
            errors.Add(FieldError.Of("positions", "Validation.Range", 1, MaxPositions));
        else
        {
            for (var i = 0; i < raw.Count; i++)
            {
                var p = raw[i] ?? new PositionInput();
                var prefix = $"positions[{i}].";
                CommitteeRole? role = null;
                if (string.IsNullOrWhiteSpace(p.Role))
                    errors.Add(FieldError.Of(prefix + "role", "Validation.Required"));
                else if (
                    Enum.TryParse<CommitteeRole>(p.Role.Trim(), false, out var r)
                    && Enum.IsDefined(r)
                    && !p.Role.Any(char.IsAsciiDigit)
                )
                    role = r;
                else
                    errors.Add(FieldError.Of(prefix + "role", "Validation.CommitteeRole"));
                var member = FieldRules.Id(errors, prefix + "memberId", p.MemberId, false);
                var name = FieldRules.Text(errors, prefix + "personName", p.PersonName, 100, false);
                if (member is null && name is null && string.IsNullOrWhiteSpace(p.MemberId))
                    errors.Add(FieldError.Of(prefix + "personName", "Validation.Required"));
                if (role is not null)
                    positions.Add(new PositionValues(role.Value, member, name));
            }
            if (
                positions.Count == raw.Count
                && positions.Count(p => p.Role == CommitteeRole.Secretary) != 1
            )
                errors.Add(FieldError.Of("positions", "Validation.OneSecretary"));
            var twice = positions
                .Where(p => p.MemberId is not null)
                .GroupBy(p => p.MemberId)
                .Any(g => g.Count() > 1);
            if (twice)
                errors.Add(FieldError.Of("positions", "Validation.PositionMemberTwice"));
        }
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (new TermValues(elected!.Value, approval, notes, positions), errors);
    }

    /// <summary>The stored notes: the approval reference on the first line, then the notes.</summary>
    public static string? ComposeNotes(string? approval, string? notes) =>
        approval is null ? notes
        : notes is null ? ApprovalMarker + approval
        : ApprovalMarker + approval + "\n" + notes;

    /// <summary>The approval reference and the notes from stored notes.</summary>
    public static (string? Approval, string? Notes) SplitNotes(string? stored)
    {
        if (stored is null || !stored.StartsWith(ApprovalMarker, StringComparison.Ordinal))
            return (null, stored);
        var rest = stored[ApprovalMarker.Length..];
        var nl = rest.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? (rest, null) : (rest[..nl], rest[(nl + 1)..]);
    }
}
