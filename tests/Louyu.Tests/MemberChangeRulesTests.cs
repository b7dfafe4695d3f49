using Louyu.Web.Modules.Organization.Domain;
using Louyu.Web.Modules.Organization.Features.Members;

namespace Louyu.Tests;

/// <summary>A change of political or organisational status on the record page carries a reason (pure rule).</summary>
public sealed class MemberChangeRulesTests
{
    [Theory]
    [InlineData("Full", "Normal", null)]
    [InlineData("full", "normal", "")]
    [InlineData("Probationary", "Mobile", "转正")]
    [InlineData("Full", "LostContact", "六个月无法联系")]
    [InlineData("NotAStatus", "Normal", null)]
    public void No_error_when_nothing_changes_or_a_reason_is_given(
        string status,
        string organizationalStatus,
        string? reason
    ) =>
        Assert.Null(
            MemberChangeRules.ReasonRequired(
                MemberStatus.Full,
                OrganizationalStatus.Normal,
                status,
                organizationalStatus,
                reason
            )
        );

    [Theory]
    [InlineData("Probationary", "Normal", null)]
    [InlineData("Full", "Mobile", "")]
    [InlineData("Full", "StandingStopped", "   ")]
    public void A_status_change_without_a_reason_is_refused_on_the_reason_field(
        string status,
        string organizationalStatus,
        string? reason
    )
    {
        var error = MemberChangeRules.ReasonRequired(
            MemberStatus.Full,
            OrganizationalStatus.Normal,
            status,
            organizationalStatus,
            reason
        );
        Assert.NotNull(error);
        Assert.Equal("changeReason", error.Field);
        Assert.Equal("Validation.ChangeReasonRequired", error.Key);
    }
}
