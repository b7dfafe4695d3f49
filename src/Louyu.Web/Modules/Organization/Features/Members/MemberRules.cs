using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// A member as sent by a client (api.md "Organisation system"); dates are YYYY-MM-DD strings, ids and enums strings,
/// so that a bad value is a field-level message. On PUT, a missing or masked <see cref="ResidentId"/> keeps the
/// stored number.
/// </summary>
public sealed class MemberInput
{
    public string? Name { get; set; }
    public string? ResidentId { get; set; }
    public string? Gender { get; set; }
    public string? BirthDate { get; set; }
    public string? Status { get; set; }
    public string? OrganizationalStatus { get; set; }
    public string? OrganizationId { get; set; }
    public string? EnterpriseId { get; set; }
    public bool? IsMobile { get; set; }
    public string? JoinedOn { get; set; }
    public string? FullMemberOn { get; set; }
    public string? Phone { get; set; }
    public string? Ethnicity { get; set; }
    public string? Education { get; set; }
    public string? Position { get; set; }

    /// <summary>For a pocket member (口袋党员): the organisation outside Louyu that holds the relationship.</summary>
    public string? RelationshipHeldAt { get; set; }

    /// <summary>Why the status or organisational status changed (kept in the history).</summary>
    public string? ChangeReason { get; set; }

    /// <summary>The version read before an update (PUT); ignored on create.</summary>
    public int? Version { get; set; }
}

/// <summary>The checked values of a <see cref="MemberInput"/>; <see cref="ResidentId"/> is normalised.</summary>
public sealed record MemberValues(
    string Name,
    string ResidentId,
    Gender Gender,
    DateOnly BirthDate,
    MemberStatus Status,
    OrganizationalStatus OrganizationalStatus,
    Guid? OrganizationId,
    Guid? EnterpriseId,
    bool IsMobile,
    DateOnly? JoinedOn,
    DateOnly? FullMemberOn,
    string? Phone,
    string? Ethnicity,
    string? Education,
    string? Position,
    string? ChangeReason,
    string? RelationshipHeldAt = null
);

/// <summary>
/// The rules of a member record: the resident ID by GB 11643-1999; birth date and gender agree with it; admitted
/// at 18 or older (《中国共产党章程》第一条); full membership after admission; no date in the future; probationary
/// and full members have an admission date, full members a full-membership date. Whether the organisation and the
/// enterprise exist (and lie in the caller's scope) is checked by the service against the database.
/// </summary>
public static class MemberRules
{
    public static (MemberValues? Values, List<FieldError> Errors) Validate(
        MemberInput input,
        DateOnly today,
        bool requireVersion,
        string? storedResidentId = null
    )
    {
        var errors = new List<FieldError>();
        var name = FieldRules.Text(errors, "name", input.Name, 100, required: true);
        var idText = input.ResidentId;
        if (
            storedResidentId is not null
            && (string.IsNullOrWhiteSpace(idText) || idText.Contains('*', StringComparison.Ordinal))
        )
            idText = storedResidentId;
        var id = ResidentIdNumber.Check(idText, today);
        if (!id.IsValid)
            errors.Add(FieldError.Of("residentId", ResidentIdKey(id.Problem!.Value)));

        var gender = ParseEnum<Gender>(errors, "gender", input.Gender, "Validation.Gender");
        if (gender is not null && id.IsValid && !MemberRecordRules.GenderAgrees(id, gender.Value))
            errors.Add(FieldError.Of("gender", "Validation.GenderDisagreesWithId"));
        var birth = FieldRules.Date(errors, "birthDate", input.BirthDate, today, required: false);
        if (birth is not null && id.IsValid && !MemberRecordRules.BirthDateAgrees(id, birth.Value))
            errors.Add(FieldError.Of("birthDate", "Validation.BirthDateDisagreesWithId"));

        var status = ParseEnum<MemberStatus>(
            errors,
            "status",
            input.Status,
            "Validation.MemberStatus"
        );
        if (status is null && string.IsNullOrWhiteSpace(input.Status))
            errors.Add(FieldError.Of("status", "Validation.Required"));
        var orgStatus =
            ParseEnum<OrganizationalStatus>(
                errors,
                "organizationalStatus",
                input.OrganizationalStatus,
                "Validation.OrganizationalStatus"
            ) ?? OrganizationalStatus.Normal;
        var organization = FieldRules.Id(errors, "organizationId", input.OrganizationId, false);
        var enterprise = FieldRules.Id(errors, "enterpriseId", input.EnterpriseId, false);
        var joined = FieldRules.Date(errors, "joinedOn", input.JoinedOn, today, required: false);
        var full = FieldRules.Date(errors, "fullMemberOn", input.FullMemberOn, today, false);
        var birthDate = id.BirthDate ?? birth;
        if (
            joined is not null
            && birthDate is not null
            && !MemberRecordRules.OfAgeAtJoining(birthDate.Value, joined.Value)
        )
            errors.Add(FieldError.Of("joinedOn", "Validation.UnderAdmissionAge"));
        if (joined is not null && full is not null && full <= joined)
            errors.Add(FieldError.Of("fullMemberOn", "Validation.FullMemberOnNotAfterJoinedOn"));
        if (
            status is not null
            && MemberRecordRules.IsPartyMember(status.Value)
            && joined is null
            && string.IsNullOrWhiteSpace(input.JoinedOn)
        )
            errors.Add(FieldError.Of("joinedOn", "Validation.JoinedOnRequiredForMember"));
        if (
            status == MemberStatus.Full
            && full is null
            && string.IsNullOrWhiteSpace(input.FullMemberOn)
        )
            errors.Add(FieldError.Of("fullMemberOn", "Validation.FullMemberOnRequired"));

        var phone = FieldRules.Text(errors, "phone", input.Phone, 20, required: false);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' '))
            errors.Add(FieldError.Of("phone", "Validation.Phone"));
        var ethnicity = FieldRules.Text(errors, "ethnicity", input.Ethnicity, 20, false);
        var education = FieldRules.Text(errors, "education", input.Education, 50, false);
        var position = FieldRules.Text(errors, "position", input.Position, 100, false);
        var reason = FieldRules.Text(errors, "changeReason", input.ChangeReason, 200, false);
        var heldAt = FieldRules.Text(
            errors,
            "relationshipHeldAt",
            input.RelationshipHeldAt,
            200,
            false
        );
        if (heldAt is not null && organization is not null)
            errors.Add(
                FieldError.Of("relationshipHeldAt", "Validation.RelationshipHeldAtWithOrganization")
            );
        if (requireVersion)
            FieldRules.Range(errors, "version", input.Version, 0, int.MaxValue, required: true);
        if (errors.Count > 0)
            return (null, errors);
        return (
            new MemberValues(
                name!,
                id.Normalized!,
                id.Gender!.Value,
                id.BirthDate!.Value,
                status!.Value,
                orgStatus,
                organization,
                enterprise,
                input.IsMobile ?? orgStatus == OrganizationalStatus.Mobile,
                joined,
                full,
                phone,
                ethnicity,
                education,
                position,
                reason,
                heldAt
            ),
            errors
        );
    }

    public static string ResidentIdKey(ResidentIdProblem problem) =>
        problem switch
        {
            ResidentIdProblem.Missing => "Validation.Required",
            ResidentIdProblem.Length => "Validation.ResidentIdLength",
            ResidentIdProblem.Characters => "Validation.ResidentIdCharacters",
            ResidentIdProblem.BirthDate => "Validation.ResidentIdBirthDate",
            _ => "Validation.ResidentIdCheck",
        };

    private static T? ParseEnum<T>(List<FieldError> errors, string field, string? value, string key)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var v = value.Trim();
        if (
            Enum.TryParse<T>(v, ignoreCase: true, out var parsed)
            && !v.Any(char.IsAsciiDigit)
            && Enum.IsDefined(parsed)
        )
            return parsed;
        errors.Add(FieldError.Of(field, key));
        return null;
    }
}
