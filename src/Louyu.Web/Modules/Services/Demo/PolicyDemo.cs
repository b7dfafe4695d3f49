using System.Text.Json;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Policies;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Services.Demo;

/// <summary>
/// The demo's pro-enterprise policies (Chaoyang-style 惠企政策), matched at once; the demo enterprise
/// 乐居乐筑(北京)新能源科技有限公司 (user <c>enterprise</c>, 郑秋锁) qualifies for the new-energy policy and has a granted
/// application that saved money, a package pushed to it, and office days with sign-ups. Demo database only (it needs
/// the <c>enterprise</c> demo account); idempotent (nothing when a policy exists).
/// </summary>
public sealed class PolicyDemo(
    LouyuDbContext db,
    IEnterpriseDirectory directory,
    PolicyMatchRunner runner,
    PolicySnapshot snapshot,
    TimeProvider clock
) : IDemoSeedStep
{
    private sealed record Seed(
        string Title,
        string Issuer,
        string Number,
        string Summary,
        string Benefit,
        long? AmountYuan,
        bool Automatic,
        PolicyCriteria Criteria,
        string HowToApply,
        PolicyStatus Status = PolicyStatus.Published
    );

    private static readonly Seed[] Seeds =
    [
        new(
            "朝阳区促进新能源产业高质量发展扶持措施（储能与充换电示范项目补贴）",
            "北京市朝阳区发展和改革委员会",
            "朝发改发〔2026〕9号",
            "支持在区内注册的新能源、储能、充换电企业开展示范项目建设，按项目实际投资额给予一定比例资金补贴。",
            "按项目实际投资额的 10% 给予补贴，单个项目最高 200 万元",
            200_000,
            false,
            new PolicyCriteria
            {
                Industries = ["C", "D", "I", "M"],
                TagsAny = ["新能源", "储能"],
                MinYears = 2,
            },
            "登录“北京朝阳”政务服务平台填报申请，附项目备案文件和投资凭证；楼宇党群服务中心可代为指导填报。"
        ),
        new(
            "失业保险稳岗返还",
            "北京市人力资源和社会保障局",
            "京人社就发〔2026〕3号",
            "上年度未裁员或裁员率不高于规定比例的参保企业，按上年度实际缴纳失业保险费的一定比例返还。",
            "中小微企业按上年度实际缴纳失业保险费的 60% 返还",
            18_600,
            true,
            new PolicyCriteria
            {
                Sizes = ["Medium", "Small", "Micro"],
                MinEmployees = 1,
                MinYears = 1,
            },
            "免申即享：经大数据比对符合条件的企业无需申请，资金直接拨付至企业对公账户。"
        ),
        new(
            "高新技术企业认定奖励",
            "北京市朝阳区科学技术和信息化局",
            "朝科信发〔2026〕5号",
            "对首次通过或重新通过国家高新技术企业认定的区内企业给予一次性奖励。",
            "首次认定奖励 30 万元，重新认定奖励 10 万元",
            100_000,
            false,
            new PolicyCriteria { TagsAll = ["高新技术企业"] },
            "提交高新技术企业证书、上年度审计报告，向区科信局申请。"
        ),
        new(
            "专精特新中小企业发展奖励",
            "北京市朝阳区经济和信息化局",
            "朝经信发〔2026〕7号",
            "对新认定的北京市专精特新中小企业、国家级专精特新“小巨人”企业给予奖励。",
            "市级专精特新奖励 20 万元，国家级“小巨人”奖励 50 万元",
            200_000,
            false,
            new PolicyCriteria
            {
                Sizes = ["Medium", "Small", "Micro"],
                TagsAny = ["专精特新", "小巨人"],
            },
            "持认定文件向区经信局申请，可在楼宇现场办公日咨询。"
        ),
        new(
            "小微企业房租减免",
            "北京市朝阳区人民政府国有资产监督管理委员会",
            "朝国资发〔2026〕2号",
            "承租区属国有企业经营用房的小微企业和个体工商户，减免 3 个月房租。",
            "减免 3 个月租金",
            60_000,
            false,
            new PolicyCriteria { Sizes = ["Small", "Micro"] },
            "向出租方提出申请，提供营业执照和租赁合同。"
        ),
        new(
            "科技型中小企业研发费用加计扣除",
            "国家税务总局北京市朝阳区税务局",
            "财税〔2023〕7号（转发）",
            "科技型中小企业开展研发活动实际发生的研发费用，在按规定据实扣除的基础上，再按实际发生额的 100% 在税前加计扣除。",
            "研发费用按 100% 加计扣除",
            null,
            false,
            new PolicyCriteria { TagsAny = ["科技型中小企业", "高新技术企业"] },
            "在企业所得税预缴或汇算清缴时自行申报享受，留存备查资料。"
        ),
        new(
            "初创企业创业担保贷款贴息",
            "北京市朝阳区人力资源和社会保障局",
            "朝人社发〔2026〕4号",
            "成立 3 年以内的小微企业申请创业担保贷款，按贷款市场报价利率给予贴息。",
            "最高 300 万元贷款全额贴息",
            45_000,
            false,
            new PolicyCriteria { Sizes = ["Small", "Micro"], MaxYears = 3 },
            "向合作银行提出贷款申请，贴息由区人力社保局审核后拨付。"
        ),
        new(
            "楼宇经济总部企业落户奖励",
            "北京市朝阳区商务局",
            "朝商发〔2026〕11号",
            "对新落户朝阳区重点商务楼宇的总部企业，按其经济贡献给予落户奖励。",
            "最高 1000 万元",
            1_000_000,
            false,
            new PolicyCriteria { TagsAny = ["总部企业"], MinEmployees = 100 },
            "向区商务局提交总部企业认定申请。"
        ),
        new(
            "文化创意企业房租补贴",
            "北京市朝阳区国家文化产业创新实验区管委会",
            "朝文创发〔2026〕1号",
            "对入驻文化产业园区及重点楼宇的文化创意企业给予房租补贴。",
            "按实际租金的 30% 补贴，最高 50 万元",
            150_000,
            false,
            new PolicyCriteria { Industries = ["I", "R"], TagsAny = ["文化创意"] },
            "在实验区服务平台填报，附租赁合同及付款凭证。"
        ),
        new(
            "软件和信息服务业人才引进奖励",
            "北京市朝阳区人才工作局",
            "朝人才发〔2026〕6号",
            "对软件和信息服务业企业引进的高层次人才给予安家补助。",
            "每人最高 10 万元",
            100_000,
            false,
            new PolicyCriteria { Industries = ["I"], MinEmployees = 20 },
            "企业统一向区人才工作局申报。"
        ),
        new(
            "金融科技企业入驻支持",
            "北京市朝阳区金融服务办公室",
            "朝金融发〔2026〕3号",
            "对在朝阳区注册、成立满 2 年的金融科技企业给予办公用房补贴。",
            "连续 3 年、每年最高 100 万元",
            300_000,
            false,
            new PolicyCriteria { Industries = ["J", "I"], MinYears = 2 },
            "向区金融办提交申请材料。"
        ),
        new(
            "外资研发中心认定支持",
            "北京市朝阳区商务局",
            "朝商发〔2026〕15号",
            "对经认定的外资研发中心给予一次性资金支持。",
            "一次性支持 100 万元",
            1_000_000,
            false,
            new PolicyCriteria { Industries = ["M"], TagsAll = ["外资企业"] },
            "向区商务局申请外资研发中心认定。"
        ),
        new(
            "数字经济标杆企业培育（征求意见稿）",
            "北京市朝阳区经济和信息化局",
            "朝经信函〔2026〕20号",
            "培育一批数字经济标杆企业，给予研发投入和场景开放支持。",
            "待定",
            null,
            false,
            new PolicyCriteria { Industries = ["I"], Sizes = ["Large", "Medium"] },
            "正式文件发布后公布申报方式。",
            PolicyStatus.Draft
        ),
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Set<Policy>().AnyAsync(ct))
            return;
        var contactId = await db
            .Users.Where(u => u.UserName == "enterprise")
            .Select(u => u.Id)
            .FirstOrDefaultAsync(ct);
        if (contactId is null)
            return; // not the demo scenario (e.g. a district-scale benchmark database)
        var mine = await directory.EnterprisesOfUserAsync(contactId, ct);
        if (mine.Count == 0)
            return;
        var demoId = mine[0];
        // The organisation system's demo may not register these yet: the founding date, size and labels.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"Enterprises\" SET \"FoundedOn\" = {new DateOnly(2014, 3, 18)} WHERE \"Id\" = {demoId} AND \"FoundedOn\" IS NULL",
            ct
        );
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"Enterprises\" SET \"Size\" = {"Small"} WHERE \"Id\" = {demoId} AND \"Size\" IS NULL",
            ct
        );
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE \"Enterprises\" SET \"Tags\" = {"高新技术企业;新能源;科技型中小企业"} WHERE \"Id\" = {demoId} AND \"Tags\" IS NULL",
            ct
        );
        snapshot.Invalidate();

        var now = clock.GetUtcNow().UtcDateTime;
        var today = ShanghaiTime.Today(clock);
        var policies = Seeds
            .Select(s => new Policy
            {
                Id = Guid.NewGuid(),
                Title = s.Title,
                Issuer = s.Issuer,
                DocumentNumber = s.Number,
                ValidFrom = new DateOnly(today.Year, 1, 1),
                ValidUntil = new DateOnly(today.Year + 1, 12, 31),
                Summary = s.Summary,
                FullText = s.Summary + "\n\n" + s.Benefit + "。\n\n" + s.HowToApply,
                HowToApply = s.HowToApply,
                Contact = "朝阳区企业服务中心 010-65090000",
                Benefit = s.Benefit,
                EstimatedAmountFen = s.AmountYuan * 100,
                GrantedWithoutApplication = s.Automatic,
                Status = s.Status,
                CriteriaJson = JsonSerializer.Serialize(s.Criteria, PolicyMatchRunner.Json),
                CreatedAtUtc = now.AddDays(-30),
                UpdatedAtUtc = now.AddDays(-30),
                PublishedAtUtc = s.Status == PolicyStatus.Published ? now.AddDays(-30) : null,
                Version = 1,
            })
            .ToList();
        db.AddRange(policies);
        await db.SaveChangesAsync(ct);
        await runner.RunAllAsync(ct);

        var energy = policies[0];
        var hiTech = policies[2];
        var contacts = await directory.ContactsAsync(demoId, ct);
        db.Add(
            new PolicyApplication
            {
                Id = Guid.NewGuid(),
                PolicyId = energy.Id,
                EnterpriseId = demoId,
                Status = ApplicationStatus.Granted,
                AppliedAtUtc = now.AddDays(-21),
                AppliedByUserId = contactId,
                AppliedByName = "郑秋锁",
                Note = "屋顶光伏储能一体化示范项目，投资 152 万元",
                DecidedAtUtc = now.AddDays(-6),
                DecidedByName = "韩青",
                DecisionNote = "经区发改委审核，按投资额 10% 拨付补贴",
                GrantedAmountFen = 15_200_000,
                Version = 3,
            }
        );
        if (
            !await db.Set<PolicyApplication>()
                .AnyAsync(a => a.PolicyId == hiTech.Id && a.EnterpriseId == demoId, ct)
        )
            db.Add(
                new PolicyApplication
                {
                    Id = Guid.NewGuid(),
                    PolicyId = hiTech.Id,
                    EnterpriseId = demoId,
                    Status = ApplicationStatus.Accepted,
                    AppliedAtUtc = now.AddDays(-3),
                    AppliedByUserId = contactId,
                    AppliedByName = "郑秋锁",
                    Note = "2025 年重新通过高新技术企业认定",
                    DecidedAtUtc = now.AddDays(-1),
                    DecidedByName = "韩青",
                    Version = 2,
                }
            );
        db.Add(
            new PolicyPush
            {
                Id = Guid.NewGuid(),
                EnterpriseId = demoId,
                PushedAtUtc = now.AddDays(-25),
                PushedByName = "韩青",
                PolicyCount = 4,
                PoliciesJson = "[]",
                RecipientsJson = JsonSerializer.Serialize(
                    contacts.Select(c => new RecipientDto(c.Name, c.Phone, c.UserId is not null)),
                    PolicyMatchRunner.Json
                ),
            }
        );

        var demo = await directory.EnterpriseAsync(demoId, ct);
        if (demo is not null)
        {
            var tax = await db.Set<Department>()
                .AsNoTracking()
                .FirstOrDefaultAsync(d => d.Code == "tax", ct);
            var day = new OfficeDay
            {
                Id = Guid.NewGuid(),
                DepartmentId = tax?.Id,
                DepartmentName = tax?.Name ?? "国家税务总局北京市朝阳区税务局",
                BuildingId = demo.BuildingId,
                BuildingName = demo.BuildingName,
                Date = today.AddDays(6),
                StartsAt = new TimeOnly(9, 30),
                EndsAt = new TimeOnly(11, 30),
                Place = "一层党群服务中心 多功能厅",
                Topic = "研发费用加计扣除与高新技术企业税收优惠政策上门解读",
                Capacity = 20,
                CreatedAtUtc = now.AddDays(-2),
                Version = 1,
            };
            IReadOnlyCollection<PolicySubject> all;
            await snapshot.Gate.WaitAsync(ct);
            try
            {
                all = await snapshot.AllAsync(directory, today, ct);
            }
            finally
            {
                snapshot.Gate.Release();
            }
            var neighbours = await directory.EnterprisesAsync(
                all.Where(x => x.BuildingId == demo.BuildingId && x.Id != demoId)
                    .Select(x => x.Id)
                    .Take(2)
                    .ToList(),
                ct
            );
            db.Add(day);
            db.Add(
                new OfficeDay
                {
                    Id = Guid.NewGuid(),
                    DepartmentName = "北京市朝阳区市场监督管理局",
                    BuildingId = demo.BuildingId,
                    BuildingName = demo.BuildingName,
                    Date = today.AddDays(13),
                    StartsAt = new TimeOnly(14, 0),
                    EndsAt = new TimeOnly(16, 30),
                    Place = "三层会议室",
                    Topic = "经营主体登记、年报与知识产权质押融资咨询",
                    Capacity = 15,
                    CreatedAtUtc = now.AddDays(-1),
                    Version = 1,
                }
            );
            var signUps = new List<OfficeDaySignUp>
            {
                new()
                {
                    Id = Guid.NewGuid(),
                    OfficeDayId = day.Id,
                    EnterpriseId = demoId,
                    EnterpriseName = demo.Name,
                    UserId = contactId,
                    Name = "郑秋锁",
                    Phone = "13800000005",
                    Question = "储能项目的研发投入能否同时享受加计扣除和区里的示范项目补贴？",
                    SignedUpAtUtc = now.AddDays(-1),
                },
            };
            string[] questions =
            [
                "今年新招 12 名应届生，能否申请稳岗返还以外的就业补贴？",
                "跨年度结转的研发费用怎样归集，需要留存哪些资料？",
            ];
            for (var i = 0; i < neighbours.Count; i++)
                signUps.Add(
                    new OfficeDaySignUp
                    {
                        Id = Guid.NewGuid(),
                        OfficeDayId = day.Id,
                        EnterpriseId = neighbours[i].Id,
                        EnterpriseName = neighbours[i].Name,
                        Name = i == 0 ? "刘晓梅" : "陈志远",
                        Phone = i == 0 ? "13911112222" : "13722223333",
                        Question = questions[i],
                        SignedUpAtUtc = now.AddHours(-5 * (i + 1)),
                    }
                );
            db.AddRange(signUps);
            day.SignedUp = signUps.Count;
        }
        await db.SaveChangesAsync(ct);
    }
}
