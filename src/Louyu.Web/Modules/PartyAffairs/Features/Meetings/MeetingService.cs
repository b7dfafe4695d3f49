using System.Globalization;
using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Files;
using Louyu.Web.Platform.Localization;
using Louyu.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.PartyAffairs.Features.Meetings;

/// <summary>
/// Meetings of a branch: schedule (attendees default to the branch's members, each notified in-app, live and by
/// e-mail through the outbox), record attendance, minutes and resolutions (quorum checked for 支委会 and 党员大会),
/// photos, a member's request for leave. Scope is enforced in the queries (<see cref="MeetingAccess"/>).
/// </summary>
public sealed class MeetingService(
    LouyuDbContext db,
    IPartyDirectory directory,
    IBuildingScopeResolver scopes,
    Notifier notifier,
    ComplianceService compliance,
    IOptions<MeetingOptions> options,
    IConfiguration config,
    IStringLocalizer<SharedResource> text,
    TimeProvider clock
)
{
    private DateOnly Today => ShanghaiTime.Today(clock);

    public Task<MeetingAccess> AccessAsync(ClaimsPrincipal user, CancellationToken ct) =>
        MeetingAccess.ResolveAsync(scopes, user, ct);

    public string KindName(MeetingKind k) => text[$"Meetings.Kind.{k}"].Value;

    /// <summary>The live party groups (党小组) of these branches, by name (the 党小组会's group choices).</summary>
    public Task<IReadOnlyList<DirectoryGroup>> GroupsOfAsync(
        IReadOnlyCollection<Guid> branchIds,
        CancellationToken ct
    ) => directory.GroupsOfAsync(branchIds, Today, ct);

    /// <summary>The branches the caller may schedule meetings for, by name.</summary>
    public async Task<IReadOnlyList<DirectoryBranch>> WritableBranchesAsync(
        ClaimsPrincipal user,
        CancellationToken ct
    )
    {
        var a = await AccessAsync(user, ct);
        if (!a.IsStaff)
            return [];
        var filter = a.Buildings.Filter;
        var all = a.Buildings.All;
        var branches = a.Branches.ToArray();
        return await directory
            .Branches()
            .Where(b =>
                all || (filter != null && filter.Contains(b.BuildingId)) || branches.Contains(b.Id)
            )
            .OrderBy(b => b.Name)
            .Take(500)
            .ToListAsync(ct);
    }

    public async Task<Paged<MeetingRow>> ListAsync(
        ClaimsPrincipal user,
        Guid? organizationId,
        bool upcoming,
        int page,
        int pageSize,
        CancellationToken ct
    )
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var a = await AccessAsync(user, ct);
        var me = a.UserId is null ? null : await directory.MemberOfUserAsync(a.UserId, Today, ct);
        var meId = me?.Id;
        var all = a.Buildings.All;
        var filter = a.Buildings.Filter ?? [];
        var branchIds = a.Branches.ToArray();
        var now = clock.GetUtcNow().UtcDateTime;
        var q =
            from m in db.Meetings.AsNoTracking()
            join b in directory.Branches() on m.OrganizationId equals b.Id
            where
                all
                || filter.Contains(b.BuildingId)
                || branchIds.Contains(m.OrganizationId)
                || (
                    meId != null
                    && db.MeetingAttendees.Any(x => x.MeetingId == m.Id && x.MemberId == meId)
                )
            select new { m, b.Name };
        if (organizationId is { } oid)
            q = q.Where(x => x.m.OrganizationId == oid);
        if (upcoming)
            q = q.Where(x =>
                x.m.StartsAtUtc >= now.AddHours(-12) && x.m.Status == MeetingStatus.Scheduled
            );
        var total = await q.CountAsync(ct);
        var ordered = upcoming
            ? q.OrderBy(x => x.m.StartsAtUtc)
            : q.OrderByDescending(x => x.m.StartsAtUtc);
        var rows = await ordered
            .ThenBy(x => x.m.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(x => new
            {
                x.m,
                x.Name,
                Attendees = db.MeetingAttendees.Count(t => t.MeetingId == x.m.Id),
                Present = db.MeetingAttendees.Count(t =>
                    t.MeetingId == x.m.Id && t.Status == AttendanceStatus.Present
                ),
                Mine = meId == null
                    ? null
                    : db
                        .MeetingAttendees.Where(t => t.MeetingId == x.m.Id && t.MemberId == meId)
                        .Select(t => t.Status)
                        .FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new Paged<MeetingRow>(
            [
                .. rows.Select(r => new MeetingRow(
                    r.m.Id,
                    r.m.OrganizationId,
                    r.Name,
                    r.m.Kind.ToString(),
                    KindName(r.m.Kind),
                    r.m.Topic,
                    Utc(r.m.StartsAtUtc),
                    r.m.Place,
                    r.m.OnlineUrl is not null,
                    r.m.Status,
                    r.Attendees,
                    r.Present,
                    r.Mine
                )),
            ],
            page,
            pageSize,
            total
        );
    }

    public async Task<(MeetingDetail? Meeting, MeetingProblem? Problem)> CreateAsync(
        ClaimsPrincipal user,
        NewMeetingRequest r,
        CancellationToken ct
    )
    {
        var errors = new List<(string, string, object[])>();
        if (!Guid.TryParse(r.OrganizationId, out var orgId))
            errors.Add(("organizationId", "Validation.Required", []));
        if (!Enum.TryParse<MeetingKind>(r.Kind, false, out var kind) || !Enum.IsDefined(kind))
            errors.Add(("kind", "Meetings.KindUnknown", []));
        var starts = ParseTime(errors, "startsAt", r.StartsAt);
        var topic = r.Topic?.Trim();
        if (string.IsNullOrEmpty(topic))
            errors.Add(("topic", "Validation.Required", []));
        else if (topic.Length > 200)
            errors.Add(("topic", "Validation.TooLong", [200]));
        var place = Blank(r.Place);
        var online = Blank(r.OnlineUrl);
        if (place is null && online is null)
            errors.Add(("place", "Meetings.PlaceOrOnline", []));
        if (place?.Length > 200)
            errors.Add(("place", "Validation.TooLong", [200]));
        if (
            online is not null
            && (
                online.Length > 500
                || !Uri.TryCreate(online, UriKind.Absolute, out var u)
                || u.Scheme is not ("http" or "https")
            )
        )
            errors.Add(("onlineUrl", "Meetings.OnlineUrlInvalid", []));
        Guid? groupId = null;
        if (!string.IsNullOrWhiteSpace(r.GroupId))
        {
            if (Guid.TryParse(r.GroupId.Trim(), out var g))
                groupId = g;
            else
                errors.Add(("groupId", "Validation.Id", []));
        }
        if (errors.Count > 0)
            return (null, new MeetingProblem(400, Errors: errors));

        var branch = await directory.Branches().FirstOrDefaultAsync(b => b.Id == orgId, ct);
        var a = await AccessAsync(user, ct);
        if (branch is null || !a.IsStaff)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        if (!a.MayWrite(branch.Id, branch.BuildingId))
            return (null, new MeetingProblem(403, "Problem.OutOfScope"));

        var day = DateOnly.FromDateTime(ShanghaiTime.ToLocal(starts!.Value));
        var on = day > Today ? Today : day;
        DirectoryGroup? group = null;
        if (groupId is { } gid)
        {
            group = await directory.GroupAsync(gid, ct);
            var facts = group is null
                ? null
                : new MeetingGroupFacts(group.BranchId, group.FoundedOn, group.DissolvedOn);
            if (MeetingGroupRules.Check(kind, branch.Id, facts, on) is { } rule)
                return (
                    null,
                    new MeetingProblem(
                        422,
                        $"Meetings.Group.{rule}",
                        Rule: rule,
                        Source: MeetingGroupRules.Source,
                        Detail: text[
                            $"Meetings.Group.{rule}Detail",
                            group?.Name ?? gid.ToString(),
                            branch.Name
                        ].Value
                    )
                );
        }
        var members = group is null
            ? await InviteesAsync(branch.Id, kind, on, ct)
            : await directory.MembersOfAsync(group.Id, on, ct);
        if (members.Count == 0 && group is not null)
            return (
                null,
                new MeetingProblem(
                    422,
                    "Meetings.Group.groupEmpty",
                    Rule: "groupEmpty",
                    Source: MeetingGroupRules.Source,
                    Detail: text["Meetings.Group.groupEmptyDetail", group.Name, branch.Name].Value
                )
            );
        if (members.Count == 0 && kind == MeetingKind.BranchCommittee)
            return (
                null,
                new MeetingProblem(
                    422,
                    "Meetings.NoCommittee",
                    Rule: "committee",
                    Source: MeetingInvitations.Source,
                    Detail: text["Meetings.NoCommitteeDetail", branch.Name].Value
                )
            );
        var invited = members.ToList();
        if (r.AttendeeIds is { Count: > 0 } ids)
        {
            var known = members.ToDictionary(m => m.Id);
            if (ids.Any(id => !known.ContainsKey(id)))
                return (
                    null,
                    new MeetingProblem(
                        400,
                        Errors: [("attendeeIds", "Meetings.AttendeeNotMember", [])]
                    )
                );
            invited = [.. ids.Distinct().Select(id => known[id])];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var m = new Meeting
        {
            Id = Guid.NewGuid(),
            OrganizationId = branch.Id,
            GroupId = group?.Id,
            Kind = kind,
            Topic = topic!,
            StartsAtUtc = starts.Value,
            Place = place,
            OnlineUrl = online,
            Status = MeetingStatus.Scheduled,
            CreatedByUserId = a.UserId,
            CreatedAtUtc = now,
            Version = 1,
        };
        db.Meetings.Add(m);
        foreach (var p in invited)
            db.MeetingAttendees.Add(
                new MeetingAttendee
                {
                    Id = Guid.NewGuid(),
                    MeetingId = m.Id,
                    MemberId = p.Id,
                    Name = p.Name,
                    UserId = p.UserId,
                    IsFullMember = p.IsFullMember,
                    Status = AttendanceStatus.Invited,
                }
            );
        var when = ShanghaiTime
            .ToLocal(starts.Value)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await notifier.NotifyAsync(
            [.. invited.Where(p => p.UserId is not null).Select(p => p.UserId!)],
            text[
                "Meetings.NoticeTitle",
                KindName(kind),
                group is null ? branch.Name : branch.Name + group.Name
            ].Value,
            text["Meetings.NoticeBody", topic!, when, place ?? online!].Value,
            "/m/meetings",
            ct
        );
        await db.SaveChangesAsync(ct);
        return (await DescribeAsync(m, branch.Name, true, ct), null);
    }

    /// <summary>Who a meeting of this kind invites (<see cref="MeetingInvitations"/>).</summary>
    private async Task<IReadOnlyList<DirectoryMember>> InviteesAsync(
        Guid organizationId,
        MeetingKind kind,
        DateOnly on,
        CancellationToken ct
    ) =>
        MeetingInvitations.Of(kind) == Invitees.Committee
            ? await directory.CommitteeOfAsync(organizationId, on, ct)
            : await directory.MembersOfAsync(organizationId, on, ct);

    private async Task<(
        Meeting? M,
        DirectoryBranch? B,
        MeetingAccess A,
        bool Write,
        Guid? Me
    )> FindAsync(ClaimsPrincipal user, Guid id, bool track, CancellationToken ct)
    {
        var a = await AccessAsync(user, ct);
        var q = track ? db.Meetings : db.Meetings.AsNoTracking();
        var m = await q.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
            return (null, null, a, false, null);
        var b = await directory.Branches().FirstOrDefaultAsync(x => x.Id == m.OrganizationId, ct);
        if (b is null)
            return (null, null, a, false, null);
        var write = a.MayWrite(b.Id, b.BuildingId);
        Guid? me = null;
        if (a.UserId is not null)
        {
            var member = await directory.MemberOfUserAsync(a.UserId, Today, ct);
            if (
                member is not null
                && await db.MeetingAttendees.AnyAsync(
                    x => x.MeetingId == m.Id && x.MemberId == member.Id,
                    ct
                )
            )
                me = member.Id;
        }
        if (!write && me is null)
            return (null, null, a, false, null);
        return (m, b, a, write, me);
    }

    public async Task<(MeetingDetail? Meeting, MeetingProblem? Problem)> GetAsync(
        ClaimsPrincipal user,
        Guid id,
        CancellationToken ct
    )
    {
        var (m, b, _, write, _) = await FindAsync(user, id, false, ct);
        if (m is null)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        return (await DescribeAsync(m, b!.Name, write, ct), null);
    }

    public async Task<(MeetingDetail? Meeting, MeetingProblem? Problem)> RecordAsync(
        ClaimsPrincipal user,
        Guid id,
        RecordRequest r,
        CancellationToken ct
    )
    {
        var (m, b, _, write, _) = await FindAsync(user, id, true, ct);
        if (m is null)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        if (!write)
            return (null, new MeetingProblem(403, "Problem.ReadOnly"));
        var errors = new List<(string, string, object[])>();
        DateOnly heldOn = DateOnly.FromDateTime(ShanghaiTime.ToLocal(m.StartsAtUtc));
        if (!string.IsNullOrWhiteSpace(r.HeldOn))
        {
            if (
                DateOnly.TryParseExact(
                    r.HeldOn.Trim(),
                    "yyyy-MM-dd",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var d
                )
            )
                heldOn = d;
            else
                errors.Add(("heldOn", "Validation.Date", []));
        }
        if (heldOn > Today)
            errors.Add(("heldOn", "Meetings.HeldInFuture", []));
        if (r.Minutes?.Length > 8000)
            errors.Add(("minutes", "Validation.TooLong", [8000]));
        if (r.Resolutions?.Length > 4000)
            errors.Add(("resolutions", "Validation.TooLong", [4000]));
        var attendees = await db.MeetingAttendees.Where(x => x.MeetingId == m.Id).ToListAsync(ct);
        var byMember = attendees.ToDictionary(x => x.MemberId);
        foreach (var (i, input) in (r.Attendance ?? []).Index())
        {
            if (!byMember.ContainsKey(input.MemberId))
                errors.Add(($"attendance[{i}].memberId", "Meetings.NotInvited", []));
            if (
                input.Status
                is not (
                    AttendanceStatus.Present
                    or AttendanceStatus.Leave
                    or AttendanceStatus.Absent
                )
            )
                errors.Add(($"attendance[{i}].status", "Meetings.AttendanceStatusUnknown", []));
            else if (
                input.Status == AttendanceStatus.Leave
                && string.IsNullOrWhiteSpace(input.Reason)
            )
                errors.Add(($"attendance[{i}].reason", "Meetings.LeaveReasonRequired", []));
            if (input.Reason?.Length > 200)
                errors.Add(($"attendance[{i}].reason", "Validation.TooLong", [200]));
        }
        if (errors.Count > 0)
            return (null, new MeetingProblem(400, Errors: errors));
        if (m.Status == MeetingStatus.Cancelled)
            return (null, new MeetingProblem(409, "Meetings.Cancelled"));
        if (r.Version != m.Version)
            return (null, new MeetingProblem(409, "Problem.StaleVersion"));

        foreach (var input in r.Attendance ?? [])
        {
            var t = byMember[input.MemberId];
            t.Status = input.Status!;
            t.LeaveReason = input.Status == AttendanceStatus.Leave ? input.Reason!.Trim() : null;
        }
        // Whoever was not marked is absent once the meeting is recorded (a leave asked for beforehand stays).
        foreach (var t in attendees.Where(t => t.Status == AttendanceStatus.Invited))
            t.Status = AttendanceStatus.Absent;

        var quorum = Quorum(m.Kind, attendees);
        if (quorum is { Required: true, Met: false })
            return (
                null,
                new MeetingProblem(
                    422,
                    "Meetings.QuorumNotMet",
                    Rule: "quorum",
                    Source: QuorumResult.Source,
                    Detail: text[
                        "Meetings.QuorumDetail",
                        KindName(m.Kind),
                        quorum.Entitled,
                        quorum.Present,
                        quorum.Needed
                    ].Value
                )
            );
        m.Status = MeetingStatus.Held;
        m.HeldOn = heldOn;
        m.Minutes = Blank(r.Minutes);
        m.Resolutions = Blank(r.Resolutions);
        m.Version++;
        await compliance.RebuildAsync(m.OrganizationId, m, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new MeetingProblem(409, "Problem.StaleVersion"));
        }
        return (await DescribeAsync(m, b!.Name, true, ct), null);
    }

    /// <summary>A member asks for leave from a meeting they are invited to, before it is recorded.</summary>
    public async Task<(MeetingDetail? Meeting, MeetingProblem? Problem)> LeaveAsync(
        ClaimsPrincipal user,
        Guid id,
        LeaveRequest r,
        CancellationToken ct
    )
    {
        var (m, b, _, write, me) = await FindAsync(user, id, true, ct);
        if (m is null)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        if (me is null)
            return (null, new MeetingProblem(403, "Meetings.NotInvitedYou"));
        var reason = r.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
            return (
                null,
                new MeetingProblem(400, Errors: [("reason", "Meetings.LeaveReasonRequired", [])])
            );
        if (reason.Length > 200)
            return (
                null,
                new MeetingProblem(400, Errors: [("reason", "Validation.TooLong", [200])])
            );
        if (m.Status != MeetingStatus.Scheduled)
            return (null, new MeetingProblem(409, "Meetings.AlreadyRecorded"));
        var t = await db.MeetingAttendees.FirstAsync(
            x => x.MeetingId == m.Id && x.MemberId == me,
            ct
        );
        t.Status = AttendanceStatus.Leave;
        t.LeaveReason = reason;
        if (m.CreatedByUserId is { } organiser)
            await notifier.NotifyAsync(
                [organiser],
                text["Meetings.LeaveNoticeTitle", t.Name, KindName(m.Kind)].Value,
                reason,
                $"/party-affairs/meetings/{m.Id}",
                ct
            );
        await db.SaveChangesAsync(ct);
        return (await DescribeAsync(m, b!.Name, write, ct), null);
    }

    private static readonly (byte[] Magic, string Type, string Ext)[] PhotoTypes =
    [
        ([0xFF, 0xD8, 0xFF], "image/jpeg", ".jpg"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png", ".png"),
        ("RIFF"u8.ToArray(), "image/webp", ".webp"),
    ];

    public long MaxPhotoBytes => options.Value.MaxPhotoBytes;

    /// <summary>Stores a photo (JPEG, PNG or WebP by its first bytes, at most MaxPhotoBytes) under the data directory.</summary>
    public async Task<(PhotoView? Photo, MeetingProblem? Problem)> AddPhotoAsync(
        ClaimsPrincipal user,
        Guid id,
        string? fileName,
        long length,
        Stream content,
        CancellationToken ct
    )
    {
        var (m, _, _, write, _) = await FindAsync(user, id, false, ct);
        if (m is null)
            return (null, new MeetingProblem(404, "Problem.NotFound"));
        if (!write)
            return (null, new MeetingProblem(403, "Problem.ReadOnly"));
        if (length <= 0)
            return (null, new MeetingProblem(400, Errors: [("file", "Validation.Required", [])]));
        if (length > MaxPhotoBytes)
            return (
                null,
                new MeetingProblem(
                    400,
                    Errors: [("file", "Meetings.PhotoTooLarge", [MaxPhotoBytes / 1024 / 1024])]
                )
            );
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var type = PhotoTypes.FirstOrDefault(t =>
            bytes.AsSpan().StartsWith(t.Magic)
            && (
                t.Type != "image/webp"
                || (bytes.Length > 12 && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8))
            )
        );
        if (type.Type is null)
            return (null, new MeetingProblem(400, Errors: [("file", "Meetings.PhotoType", [])]));
        var photoId = Guid.NewGuid();
        var relative = Path.Combine(
            "meetings",
            m.Id.ToString("N"),
            photoId.ToString("N") + type.Ext
        );
        var full = Path.Combine(DataDirectory.Resolve(config), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllBytesAsync(full, bytes, ct);
        var name = Path.GetFileName(fileName ?? "photo" + type.Ext);
        if (name.Length > 200)
            name = name[^200..];
        var photo = new MeetingPhoto
        {
            Id = photoId,
            MeetingId = m.Id,
            FileName = name,
            ContentType = type.Type,
            SizeBytes = bytes.Length,
            StoredPath = relative,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.MeetingPhotos.Add(photo);
        await db.SaveChangesAsync(ct);
        return (View(photo), null);
    }

    public async Task<(string Path, string ContentType)?> PhotoFileAsync(
        ClaimsPrincipal user,
        Guid id,
        Guid photoId,
        CancellationToken ct
    )
    {
        var (m, _, _, _, _) = await FindAsync(user, id, false, ct);
        if (m is null)
            return null;
        var p = await db
            .MeetingPhotos.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == photoId && x.MeetingId == id, ct);
        if (p is null)
            return null;
        var full = Path.Combine(DataDirectory.Resolve(config), p.StoredPath);
        return File.Exists(full) ? (full, p.ContentType) : null;
    }

    private static PhotoView View(MeetingPhoto p) =>
        new(p.Id, p.FileName, p.SizeBytes, $"/api/v1/meetings/{p.MeetingId}/photos/{p.Id}");

    private static QuorumResult? Quorum(MeetingKind kind, IReadOnlyList<MeetingAttendee> attendees)
    {
        if (!QuorumRules.Applies(kind))
            return null;
        var entitled =
            kind == MeetingKind.BranchAssembly
                ? attendees.Where(t => t.IsFullMember).ToList()
                : attendees.ToList();
        return QuorumRules.Check(
            kind,
            entitled.Count,
            entitled.Count(t => t.Status == AttendanceStatus.Present)
        );
    }

    private async Task<MeetingDetail> DescribeAsync(
        Meeting m,
        string organizationName,
        bool write,
        CancellationToken ct
    )
    {
        var attendees = await db
            .MeetingAttendees.AsNoTracking()
            .Where(x => x.MeetingId == m.Id)
            .OrderBy(x => x.Name)
            .ToListAsync(ct);
        var photos = await db
            .MeetingPhotos.AsNoTracking()
            .Where(x => x.MeetingId == m.Id)
            .OrderBy(x => x.UploadedAtUtc)
            .ToListAsync(ct);
        var group = m.GroupId is { } gid ? await directory.GroupAsync(gid, ct) : null;
        return new MeetingDetail(
            m.Id,
            m.OrganizationId,
            organizationName,
            m.Kind.ToString(),
            KindName(m.Kind),
            m.Topic,
            Utc(m.StartsAtUtc),
            m.Place,
            m.OnlineUrl,
            m.Status,
            m.HeldOn,
            m.Minutes,
            m.Resolutions,
            [
                .. attendees.Select(t => new AttendeeView(
                    t.MemberId,
                    t.Name,
                    t.IsFullMember,
                    t.Status,
                    t.LeaveReason
                )),
            ],
            [.. photos.Select(View)],
            m.Status == MeetingStatus.Held ? Quorum(m.Kind, attendees) : null,
            write,
            m.Version,
            MeetingInvitations.Of(m.Kind, m.GroupId is not null).ToString(),
            m.GroupId,
            group?.Name
        );
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>ISO-8601 with an offset or Z; without one, a local time in Asia/Shanghai (the pages' datetime-local).</summary>
    public static DateTime? ParseTime(
        List<(string, string, object[])> errors,
        string field,
        string? value
    )
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add((field, "Validation.Required", []));
            return null;
        }
        var v = value.Trim();
        var hasOffset =
            v.EndsWith('Z')
            || v.EndsWith('z')
            || System.Text.RegularExpressions.Regex.IsMatch(v, @"[+-]\d{2}:?\d{2}$");
        if (
            hasOffset
            && DateTimeOffset.TryParse(
                v,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var o
            )
        )
            return o.UtcDateTime;
        if (
            !hasOffset
            && DateTime.TryParse(
                v,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var local
            )
        )
            return TimeZoneInfo.ConvertTimeToUtc(
                DateTime.SpecifyKind(local, DateTimeKind.Unspecified),
                ShanghaiTime.Zone
            );
        errors.Add((field, "Meetings.TimeInvalid", []));
        return null;
    }
}
