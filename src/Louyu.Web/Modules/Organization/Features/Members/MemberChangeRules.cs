using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Enterprises;

namespace Louyu.Web.Modules.Organization.Features.Members;

/// <summary>
/// What an edit of a member record must carry besides the fields: a change of political status or of organisational
/// status (normal, mobile, lost contact, standing stopped) is kept in the member's history with its reason
/// (domain-rules §8: "a history of every change"), so the record page refuses such a change without one.
/// </summary>
public static class MemberChangeRules
{
    /// <summary>
    /// A field error on <c>changeReason</c> when <paramref name="status"/> or <paramref name="organizationalStatus"/>
    /// (as typed) differ from the stored ones and no reason is given; null otherwise (including when a value does not
    /// parse — the field rules report that).
    /// </summary>
    public static FieldError? ReasonRequired(
        MemberStatus storedStatus,
        OrganizationalStatus storedOrganizationalStatus,
        string? status,
        string? organizationalStatus,
        string? reason
    )
    {
        if (!string.IsNullOrWhiteSpace(reason))
            return null;
        var statusChanged =
            Enum.TryParse<MemberStatus>(status?.Trim(), true, out var s) && s != storedStatus;
        var orgChanged =
            Enum.TryParse<OrganizationalStatus>(organizationalStatus?.Trim(), true, out var o)
            && o != storedOrganizationalStatus;
        return statusChanged || orgChanged
            ? FieldError.Of("changeReason", "Validation.ChangeReasonRequired")
            : null;
    }
}
