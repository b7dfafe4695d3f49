using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Problems;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

public sealed record NewMeetingRequest(
    string? OrganizationId,
    string? Kind,
    string? StartsAt,
    string? Topic,
    string? Place = null,
    string? OnlineUrl = null,
    IReadOnlyList<Guid>? AttendeeIds = null,
    string? GroupId = null
);

public sealed record AttendanceInput(Guid MemberId, string? Status, string? Reason = null);

public sealed record RecordRequest(
    int Version,
    string? HeldOn = null,
    IReadOnlyList<AttendanceInput>? Attendance = null,
    string? Minutes = null,
    string? Resolutions = null
);

public sealed record LeaveRequest(string? Reason);

public sealed record AttendeeView(
    Guid MemberId,
    string Name,
    bool IsFullMember,
    string Status,
    string? LeaveReason
);

public sealed record PhotoView(Guid Id, string FileName, long SizeBytes, string Url);

public sealed record MeetingDetail(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string Kind,
    string KindName,
    string Topic,
    DateTime StartsAt,
    string? Place,
    string? OnlineUrl,
    string Status,
    DateOnly? HeldOn,
    string? Minutes,
    string? Resolutions,
    IReadOnlyList<AttendeeView> Attendees,
    IReadOnlyList<PhotoView> Photos,
    QuorumResult? Quorum,
    bool CanWrite,
    int Version,
    string Invitees,
    Guid? GroupId = null,
    string? GroupName = null
);

public sealed record MeetingRow(
    Guid Id,
    Guid OrganizationId,
    string OrganizationName,
    string Kind,
    string KindName,
    string Topic,
    DateTime StartsAt,
    string? Place,
    bool Online,
    string Status,
    int Attendees,
    int Present,
    string? MyStatus
);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Why a request failed: 400 with field errors, 404, 403, 409, or 422 naming a rule and its source.</summary>
public sealed record MeetingProblem(
    int Status,
    string? TitleKey = null,
    IReadOnlyList<(string Field, string Key, object[] Args)>? Errors = null,
    string? Rule = null,
    string? Source = null,
    string? Detail = null
) : IServiceProblem;

/// <summary>PartyAffairs:Meetings — frequencies (see <see cref="MeetingFrequencyOptions"/>) and the photo limits.</summary>
public sealed class MeetingOptions
{
    public MeetingFrequencyOptions Frequencies { get; set; } = new();
    public long MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;
}

public static class AttendanceStatus
{
    public const string Invited = "Invited";
    public const string Present = "Present";
    public const string Leave = "Leave";
    public const string Absent = "Absent";
}

public static class MeetingStatus
{
    public const string Scheduled = "Scheduled";
    public const string Held = "Held";
    public const string Cancelled = "Cancelled";
}
