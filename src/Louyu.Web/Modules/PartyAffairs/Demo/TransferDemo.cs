using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.PartyAffairs.Data;
using Louyu.Web.Modules.PartyAffairs.Domain.Transfers;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.PartyAffairs.Demo;

/// <summary>
/// Demo transfers, mobile and lost-contact members, dated relative to today so the alerts show: a letter between
/// buildings whose receipt is overdue, an outbound letter awaiting its receipt, a transfer within a building already
/// accepted, two mobile members (one away at a fixed place long enough to be flagged) and one lost-contact member.
/// Runs after the organisation demo, only on a database without any of these records.
/// </summary>
public sealed class TransferDemo(
    LouyuDbContext db,
    IPartyDirectory directory,
    PersonalDataProtector protector,
    TimeProvider clock
)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (
            await db.Transfers.AnyAsync(ct)
            || await db.MobileRegistrations.AnyAsync(ct)
            || await db.LostContactCases.AnyAsync(ct)
        )
            return;
        var orgs = await directory.AllOrganizationsAsync(ct);
        if (orgs.Count < 3)
            return;
        var today = ShanghaiTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        // The first organisations with at least six members, in a stable order; two buildings if there are.
        var withMembers =
            new List<(DirectoryOrganization Org, IReadOnlyList<MemberFacts> Members)>();
        foreach (var o in orgs.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            var members = await directory.MembersOfAsync(o.Id, ct);
            if (members.Count >= 6)
                withMembers.Add((o, members));
            if (
                withMembers.Count >= 2
                && withMembers.Select(x => x.Org.BuildingId).Distinct().Count() > 1
            )
                break;
        }
        if (withMembers.Count < 2)
            return;
        var (home, people) = withMembers[0];
        var elsewhere = withMembers.FirstOrDefault(x => x.Org.BuildingId != home.BuildingId);
        var sameBuilding = orgs.FirstOrDefault(o =>
            o.BuildingId == home.BuildingId && o.Id != home.Id
        );
        var sequence = 0;

        async Task<Transfer> LetterAsync(
            MemberFacts m,
            TransferKind kind,
            DirectoryOrganization? to,
            string toName,
            DateOnly issued
        )
        {
            var full = await directory.FullResidentIdAsync(m.Id, ct);
            sequence++;
            var t = new Transfer
            {
                Id = Guid.CreateVersion7(),
                Kind = kind,
                Status = TransferStatus.Issued,
                MemberId = m.Id,
                MemberName = m.Name,
                Gender = m.Gender,
                BirthDate = m.BirthDate,
                Ethnicity = m.Ethnicity,
                IsProbationary = m.IsProbationary,
                ResidentIdCipher = protector.Encrypt(full!),
                ResidentIdMasked = m.ResidentIdMasked,
                FromOrganizationId = m.OrganizationId,
                FromBuildingId = m.BuildingId,
                FromName = m.OrganizationName ?? "",
                ToOrganizationId = to?.Id,
                ToBuildingId = to?.BuildingId,
                ToName = toName,
                DuesPaidYear = issued.AddMonths(-1).Year,
                DuesPaidMonth = issued.AddMonths(-1).Month,
                ValidityDays = 30,
                IssuedOn = issued,
                LetterYear = issued.Year,
                LetterSequence = sequence,
                LetterNumber = TransferRules.LetterNumber(issued.Year, sequence),
                MemberContact = m.Phone,
                SenderAddress = "北京市朝阳区时代风帆大厦B1层 党委办公室",
                SenderPhone = "010-65000000",
                SenderFax = "010-65000001",
                SenderPostcode = "100020",
                CreatedAtUtc = now,
                Version = 1,
            };
            db.Transfers.Add(t);
            return t;
        }

        // Issued in the same year as today, so the numbers run 0001, 0002, 0003 in this year.
        var yearStart = new DateOnly(today.Year, 1, 1);
        DateOnly Back(int days) =>
            today.AddDays(-days) < yearStart ? yearStart : today.AddDays(-days);

        if (elsewhere.Org is not null)
            await LetterAsync(
                people[2],
                TransferKind.BetweenBuildings,
                elsewhere.Org,
                elsewhere.Org.Name,
                Back(45)
            );
        if (sameBuilding is not null)
        {
            var accepted = await LetterAsync(
                people[4],
                TransferKind.Internal,
                sameBuilding,
                sameBuilding.Name,
                Back(20)
            );
            accepted.Status = TransferStatus.Received;
            accepted.ReceivedOn = Back(15);
            accepted.ReceiptHandler = "组织委员";
            await directory.MoveMemberAsync(
                people[4].Id,
                sameBuilding.Id,
                accepted.ReceivedOn.Value,
                MemberMoveReasons.InternalTransfer,
                ct
            );
        }

        await LetterAsync(
            people[3],
            TransferKind.Outbound,
            null,
            "中共杭州市西湖区某科技园区委员会",
            Back(10)
        );

        var second = withMembers.Count > 1 ? withMembers[1] : withMembers[0];
        void Mobile(
            MemberFacts m,
            string cert,
            string destination,
            string reason,
            DateOnly left,
            DateOnly? until,
            bool fixedPlace,
            string attends
        )
        {
            db.MobileRegistrations.Add(
                new MobileRegistration
                {
                    Id = Guid.CreateVersion7(),
                    MemberId = m.Id,
                    MemberName = m.Name,
                    OrganizationId = m.OrganizationId!.Value,
                    BuildingId = m.BuildingId!.Value,
                    CertificateNumber = cert,
                    Destination = destination,
                    Reason = reason,
                    LeftOn = left,
                    PlannedUntil = until,
                    FixedPlace = fixedPlace,
                    AttendsAt = attends,
                    PaysDuesAt = "原所在党支部（按月线上交纳）",
                    CreatedAtUtc = now,
                    Version = 1,
                }
            );
        }
        Mobile(
            second.Members[2],
            $"京流{today.Year}0001",
            "上海市浦东新区",
            "外派驻场项目",
            today.AddMonths(-8),
            today.AddMonths(4),
            true,
            "中共上海某软件公司支部委员会"
        );
        await directory.SetOrganizationalStatusAsync(
            second.Members[2].Id,
            "Mobile",
            "MobileRegistered",
            null,
            ct
        );
        Mobile(
            second.Members[3],
            $"京流{today.Year}0002",
            "河北省雄安新区",
            "短期施工支援",
            today.AddMonths(-2),
            today.AddMonths(2),
            false,
            "雄安新区某项目临时党支部"
        );
        await directory.SetOrganizationalStatusAsync(
            second.Members[3].Id,
            "Mobile",
            "MobileRegistered",
            null,
            ct
        );

        var lost = second.Members[4];
        var lostCase = new LostContactCase
        {
            Id = Guid.CreateVersion7(),
            MemberId = lost.Id,
            MemberName = lost.Name,
            OrganizationId = lost.OrganizationId!.Value,
            BuildingId = lost.BuildingId!.Value,
            LostSince = today.AddMonths(-8),
            Notes = "原单位已注销，手机停机。",
            CreatedAtUtc = now,
            Version = 1,
        };
        db.LostContactCases.Add(lostCase);
        foreach (
            var (ago, method, result) in new[]
            {
                (7, "电话、短信", "号码已停机"),
                (5, "走访原单位及租住地", "原单位已注销，房东称已搬离"),
                (2, "联系户籍地社区", "社区未掌握去向"),
            }
        )
            db.LostContactSearches.Add(
                new LostContactSearch
                {
                    Id = Guid.CreateVersion7(),
                    CaseId = lostCase.Id,
                    SearchedOn = today.AddMonths(-ago),
                    Method = method,
                    Result = result,
                    RecordedAtUtc = now,
                }
            );
        await directory.SetOrganizationalStatusAsync(
            lost.Id,
            "LostContact",
            "LostContact",
            null,
            ct
        );
        await db.SaveChangesAsync(ct);
    }
}
