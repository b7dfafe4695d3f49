using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Louyu.Web.Platform.Identity;
using Louyu.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>
/// Seeds the demo scenario (demo-scenario.md) and the demo accounts (api.md "Operations", password Demo@2021)
/// into an empty database. Runs only in demo mode.
/// </summary>
public sealed class DemoSeeder(
    LouyuDbContext db,
    UserManager<LouyuUser> users,
    PersonalDataProtector protector,
    ILogger<DemoSeeder> log
)
{
    public const string DemoPassword = "Demo@2021";

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Buildings.AnyAsync(ct))
            return;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var s = DemoScenarioGenerator.Generate(DemoTargets.Report2021);
        var generated = clock.ElapsedMilliseconds;
        await ScenarioWriter.WriteAsync(db, s, protector, "Times Sail demo scenario", ct);
        await DemoBuildingDetails.WriteAsync(db, s, ct);
        await DemoTermsAndVisits.WriteAsync(
            db,
            s,
            Platform.Clock.ShanghaiTime.Today(TimeProvider.System),
            ct
        );
        var written = clock.ElapsedMilliseconds;

        var firstBranchMembers = s
            .Spells.Where(x => x.OrganizationId == s.FirstBranchId && x.ToDate == null)
            .Select(x => x.MemberId)
            .Take(2)
            .ToList();
        var han = s.Workers.First(w => w.Name == "韩青");
        var zhao = s.Workers.First(w => w.Name == "赵鑫");
        var firstBuilding = s.Buildings[0].Id;

        var secretary = await CreateAsync("secretary", "韩青", "13800000001", ct);
        await GrantAsync(
            secretary,
            LouyuRoles.CommitteeSecretary,
            ScopeKind.Organization,
            s.CommitteeId.ToString()
        );
        await LinkWorkerAsync(han.Id, secretary.Id, ct);

        var worker = await CreateAsync("worker", "赵鑫", "13800000002", ct);
        await GrantAsync(
            worker,
            LouyuRoles.PartyWorker,
            ScopeKind.Building,
            firstBuilding.ToString()
        );
        if (zhao.BuildingId != firstBuilding)
            await GrantAsync(
                worker,
                LouyuRoles.PartyWorker,
                ScopeKind.Building,
                zhao.BuildingId.ToString()
            );
        await LinkWorkerAsync(zhao.Id, worker.Id, ct);

        var branchPerson = s.Members.First(m => m.Member.Id == firstBranchMembers[0]).Member;
        var branch = await CreateAsync("branch", branchPerson.Name, "13800000003", ct);
        await GrantAsync(
            branch,
            LouyuRoles.BranchSecretary,
            ScopeKind.Organization,
            s.FirstBranchId.ToString()
        );
        await GrantAsync(
            branch,
            LouyuRoles.Member,
            ScopeKind.Organization,
            s.FirstBranchId.ToString()
        );
        await LinkMemberAsync(branchPerson.Id, branch.Id, ct);

        var memberPerson = s.Members.First(m => m.Member.Id == firstBranchMembers[1]).Member;
        var member = await CreateAsync("member", memberPerson.Name, "13800000004", ct);
        await GrantAsync(
            member,
            LouyuRoles.Member,
            ScopeKind.Organization,
            s.FirstBranchId.ToString()
        );
        await LinkMemberAsync(memberPerson.Id, member.Id, ct);

        var enterprise = await CreateAsync("enterprise", "郑秋锁", "13800000005", ct);
        await GrantAsync(
            enterprise,
            LouyuRoles.EnterpriseContact,
            ScopeKind.Enterprise,
            (s.NamedEnterpriseId ?? s.Enterprises[0].Id).ToString()
        );

        var tax = await CreateAsync("tax", "税务窗口 王敏", "13800000006", ct);
        await GrantAsync(tax, LouyuRoles.DepartmentOfficer, ScopeKind.Department, "tax");

        await db.SaveChangesAsync(ct);
        log.LogInformation(
            "Demo scenario seeded: {Buildings} buildings, {Enterprises} enterprises, {Members} members "
                + "(generated in {Generated} ms, written in {Written} ms, accounts in {Accounts} ms)",
            s.Buildings.Count,
            s.Enterprises.Count,
            s.Members.Count,
            generated,
            written - generated,
            clock.ElapsedMilliseconds - written
        );
    }

    private async Task<LouyuUser> CreateAsync(
        string userName,
        string displayName,
        string phone,
        CancellationToken ct
    )
    {
        var user = new LouyuUser
        {
            UserName = userName,
            DisplayName = displayName,
            PhoneNumber = phone,
        };
        var result = await users.CreateAsync(user, DemoPassword);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                string.Join("; ", result.Errors.Select(e => e.Description))
            );
        return user;
    }

    private Task GrantAsync(LouyuUser user, string role, ScopeKind kind, string? scopeId)
    {
        db.RoleGrants.Add(
            new RoleGrant
            {
                Id = Guid.NewGuid(),
                UserId = user.Id,
                Role = role,
                ScopeKind = kind,
                ScopeId = scopeId,
            }
        );
        return Task.CompletedTask;
    }

    private async Task LinkWorkerAsync(Guid workerId, string userId, CancellationToken ct) =>
        await db
            .PartyWorkers.Where(w => w.Id == workerId)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.UserId, userId), ct);

    private async Task LinkMemberAsync(Guid memberId, string userId, CancellationToken ct) =>
        await db
            .Members.Where(m => m.Id == memberId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.UserId, userId), ct);
}
