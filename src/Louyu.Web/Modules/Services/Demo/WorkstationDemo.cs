using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Services.Data;
using Louyu.Web.Modules.Services.Domain;
using Louyu.Web.Modules.Services.Features.Tickets;
using Louyu.Web.Platform.Clock;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Louyu.Web.Modules.Services.Demo;

/// <summary>
/// The workstation of the demo (demo-scenario.md, 2010-08): eight departments with desks, opening hours and their
/// consult / accept / complain services, and a few dozen tickets of the last four months (deterministic random):
/// most closed and rated, some open — in the tax queue one due soon and one overdue — and the demo enterprise's
/// (郑秋锁, 乐居乐筑) tickets: one closed, one replied waiting for its rating, one being handled.
/// </summary>
public sealed class WorkstationDemo(
    LouyuDbContext db,
    IEnterpriseDirectory enterprises,
    HolidayCalendar holidays,
    IOptions<SlaOptions> sla,
    TimeProvider clock
) : IDemoSeedStep
{
    private sealed record Svc(
        string Code,
        string Name,
        string NameEn,
        ServiceType Type,
        int? Sla,
        string[] Asks,
        string? Keywords = null
    );

    private sealed record Dept(
        string Code,
        string Name,
        string NameEn,
        string Desk,
        string Phone,
        Svc[] Services
    );

    private const string Hours = "周一至周五 9:00–12:00，13:30–17:00（法定节假日除外）";

    private static readonly Dept[] Departments =
    [
        new(
            "tax",
            "税务",
            "Taxation",
            "一层服务大厅 1号窗口",
            "010-65180001",
            [
                new(
                    "tax-consult",
                    "涉税咨询",
                    "Tax enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "小规模纳税人季度销售额未超过30万元，增值税是否可以免征？需要怎么申报？",
                        "公司新招了两名高校毕业生，能享受哪些税收优惠？",
                        "研发费用加计扣除比例是多少？季度预缴时可以享受吗？",
                        "跨年度取得的发票能否在今年企业所得税汇算清缴时扣除？",
                    ],
                    "发票,增值税,所得税,申报"
                ),
                new(
                    "tax-invoice",
                    "发票领用及增量申请",
                    "Invoice quota",
                    ServiceType.Accept,
                    5,
                    [
                        "业务量增加，申请将增值税专用发票月领用份数由25份增加到50份。",
                        "申请开通全面数字化电子发票，请协助办理。",
                    ]
                ),
                new(
                    "tax-complain",
                    "涉税投诉",
                    "Tax complaints",
                    ServiceType.Complain,
                    null,
                    ["办税服务厅预约后仍排队两个小时，希望改进。"]
                ),
            ]
        ),
        new(
            "market",
            "市场监管",
            "Market regulation",
            "一层服务大厅 2号窗口",
            "010-65180002",
            [
                new(
                    "market-consult",
                    "市场主体登记咨询",
                    "Business registration enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "公司想增加经营范围“新能源技术推广服务”，需要准备哪些材料？",
                        "分公司注销需要先办理税务注销吗？",
                        "公司地址从本楼18层搬到20层，需要办理变更登记吗？",
                    ]
                ),
                new(
                    "market-change",
                    "营业执照变更登记",
                    "Licence change",
                    ServiceType.Accept,
                    3,
                    ["法定代表人变更，材料已备齐，申请办理营业执照变更登记。"]
                ),
                new(
                    "market-complain",
                    "消费投诉举报",
                    "Consumer complaints",
                    ServiceType.Complain,
                    null,
                    ["楼下商场一家餐饮店预付卡无法退款，商家已联系不上。"]
                ),
            ]
        ),
        new(
            "transport",
            "交通",
            "Transport",
            "一层服务大厅 3号窗口",
            "010-65180003",
            [
                new(
                    "transport-consult",
                    "交通出行咨询",
                    "Transport enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "园区周边早高峰拥堵严重，能否协调增开一条通勤班车线路？",
                        "企业货车进城通行证如何办理？",
                    ]
                ),
                new(
                    "transport-permit",
                    "临时占道施工审批",
                    "Road works permit",
                    ServiceType.Accept,
                    null,
                    ["楼宇外立面维修需要临时占用辅路，申请占道施工许可。"]
                ),
            ]
        ),
        new(
            "labour",
            "劳动监察",
            "Labour inspection",
            "一层服务大厅 4号窗口",
            "010-65180004",
            [
                new(
                    "labour-consult",
                    "劳动用工咨询",
                    "Employment enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "员工试用期可以约定多长时间？试用期工资最低多少？",
                        "实行不定时工作制需要审批吗？",
                    ]
                ),
                new(
                    "labour-complain",
                    "劳动保障监察投诉",
                    "Labour complaints",
                    ServiceType.Complain,
                    null,
                    ["前公司拖欠两个月工资未发，多次沟通无果。"]
                ),
            ]
        ),
        new(
            "social",
            "社会保险",
            "Social insurance",
            "一层服务大厅 5号窗口",
            "010-65180005",
            [
                new(
                    "social-consult",
                    "社保业务咨询",
                    "Social insurance enquiries",
                    ServiceType.Consult,
                    null,
                    ["新入职员工社保增员截止到每月哪一天？", "员工异地就医备案怎么办理？"]
                ),
                new(
                    "social-register",
                    "单位参保登记",
                    "Employer registration",
                    ServiceType.Accept,
                    null,
                    ["新设立公司，申请办理单位社会保险参保登记。"]
                ),
            ]
        ),
        new(
            "fund",
            "住房公积金",
            "Housing fund",
            "一层服务大厅 6号窗口",
            "010-65180006",
            [
                new(
                    "fund-consult",
                    "公积金政策咨询",
                    "Housing fund enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "公司缴存比例能否从12%调整为8%？需要什么手续？",
                        "员工租房提取公积金每月最多能提多少？",
                    ]
                ),
                new(
                    "fund-open",
                    "单位公积金开户",
                    "Employer account",
                    ServiceType.Accept,
                    null,
                    ["申请为公司办理住房公积金单位缴存登记。"]
                ),
            ]
        ),
        new(
            "stats",
            "统计",
            "Statistics",
            "二层 201室",
            "010-65180007",
            [
                new(
                    "stats-consult",
                    "统计报表咨询",
                    "Statistical reporting enquiries",
                    ServiceType.Consult,
                    null,
                    [
                        "规模以上服务业企业月报中“营业收入”口径如何填报？",
                        "联网直报平台密码忘记了怎么办？",
                    ]
                ),
                new(
                    "stats-account",
                    "联网直报账号申请",
                    "Online reporting account",
                    ServiceType.Accept,
                    5,
                    ["公司首次纳入统计调查，申请开通联网直报账号。"]
                ),
            ]
        ),
        new(
            "legal",
            "公共法律服务",
            "Public legal services",
            "二层 202室",
            "010-65180008",
            [
                new(
                    "legal-consult",
                    "法律咨询",
                    "Legal advice",
                    ServiceType.Consult,
                    null,
                    [
                        "与供应商的合同纠纷，对方迟迟不付尾款，可以走哪些途径？",
                        "公司商标被他人抢注，该怎么处理？",
                    ]
                ),
                new(
                    "legal-mediation",
                    "人民调解申请",
                    "Mediation",
                    ServiceType.Accept,
                    10,
                    ["与物业公司就停车费标准发生争议，申请人民调解。"]
                ),
            ]
        ),
    ];

    private static readonly string[] Filers =
    [
        "王晓燕",
        "李建国",
        "张丽",
        "刘洋",
        "陈静",
        "赵磊",
        "孙悦",
        "周婷",
        "吴昊",
        "郑凯",
    ];

    private static readonly string[] Replies =
    [
        "已电话联系答复，并将政策文件发送至您的邮箱，请查收。",
        "经核实，您的情况符合政策规定，已按流程办结。",
        "已当面说明办理流程和所需材料，欢迎随时到窗口咨询。",
        "已协调相关科室处理完毕，感谢您的反映。",
    ];

    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(ct))
            return;
        var tax = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == "tax", ct);
        var contact = await db
            .Users.AsNoTracking()
            .FirstOrDefaultAsync(u => u.UserName == "enterprise", ct);
        if (tax is null || contact is null)
            return; // not the demo scenario
        db.SuppressAudit = true;
        var services = new List<(Department Dept, WorkstationService Service, Svc Spec)>();
        for (var i = 0; i < Departments.Length; i++)
        {
            var d = Departments[i];
            var dept = new Department
            {
                Id = Guid.NewGuid(),
                Code = d.Code,
                Name = d.Name,
                NameEn = d.NameEn,
                Desk = d.Desk,
                OpeningHours = Hours,
                Phone = d.Phone,
                SortOrder = (i + 1) * 10,
                Description = $"{d.Name}部门驻楼宇工作站窗口，提供咨询、受理、投诉一站式服务。",
                Version = 1,
            };
            db.Departments.Add(dept);
            foreach (var s in d.Services)
            {
                var service = new WorkstationService
                {
                    Id = Guid.NewGuid(),
                    DepartmentId = dept.Id,
                    Code = s.Code,
                    Name = s.Name,
                    NameEn = s.NameEn,
                    Type = s.Type,
                    SlaWorkingDays = s.Sla,
                    Keywords = s.Keywords,
                    Description = s.Name,
                    Version = 1,
                };
                db.WorkstationServices.Add(service);
                services.Add((dept, service, s));
            }
        }
        var taxConsult = services.First(s => s.Service.Code == "tax-consult").Service;
        db.ServiceAttributes.Add(
            new ServiceAttribute
            {
                Id = Guid.NewGuid(),
                ServiceId = taxConsult.Id,
                Code = "tax_type",
                DataType = "singlevaluelist",
                Required = true,
                Description = "涉及税种",
                Order = 1,
                ValuesJson =
                    """[{"key":"vat","name":"增值税"},{"key":"cit","name":"企业所得税"},{"key":"iit","name":"个人所得税"},{"key":"other","name":"其他"}]""",
            }
        );
        var labourComplain = services.First(s => s.Service.Code == "labour-complain").Service;
        db.ServiceAttributes.Add(
            new ServiceAttribute
            {
                Id = Guid.NewGuid(),
                ServiceId = labourComplain.Id,
                Code = "people",
                DataType = "number",
                Required = false,
                Description = "涉及人数",
                Order = 1,
            }
        );
        var legal = services.First(s => s.Service.Code == "legal-mediation").Service;
        db.ServiceAttributes.Add(
            new ServiceAttribute
            {
                Id = Guid.NewGuid(),
                ServiceId = legal.Id,
                Code = "counterparty",
                DataType = "string",
                Required = true,
                Description = "对方当事人名称",
                Order = 1,
            }
        );
        await db.SaveChangesAsync(ct);

        // Tickets.
        var cal = await holidays.GetAsync(ct);
        var today = ShanghaiTime.Today(clock);
        var demoEnterprise = await enterprises.EnterprisesOfUserAsync(contact.Id, ct)
            is [var first, ..]
            ? first
            : Guid.Empty;
        var facts =
            demoEnterprise == Guid.Empty
                ? null
                : await enterprises.EnterpriseAsync(demoEnterprise, ct);
        var resident = await enterprises.SearchAsync("", 60, ct);
        var random = new Random(20100801);
        var perDay = new Dictionary<DateOnly, int>();
        var taxDept = services.First(s => s.Dept.Code == "tax").Dept;

        Ticket Make(
            (Department Dept, WorkstationService Service, Svc Spec) s,
            DateOnly filedOn,
            EnterpriseFacts? e,
            string filer,
            string? filerUserId,
            int ask
        )
        {
            var n = perDay[filedOn] = perDay.GetValueOrDefault(filedOn) + 1;
            var limit = SlaClock.LimitFor(
                s.Service.Type,
                s.Service.SlaWorkingDays,
                null,
                sla.Value
            );
            var filedAt = DateTime.SpecifyKind(
                filedOn.ToDateTime(new TimeOnly(1 + random.Next(7), random.Next(60))),
                DateTimeKind.Utc
            );
            var t = new Ticket
            {
                Id = Guid.NewGuid(),
                Number = $"GZ{filedOn:yyyyMMdd}-{n:D4}",
                ServiceId = s.Service.Id,
                DepartmentId = s.Dept.Id,
                Type = s.Service.Type,
                Status = TicketStatus.Submitted,
                Channel = filerUserId is null
                    ? (random.Next(2) == 0 ? TicketChannel.WalkIn : TicketChannel.Phone)
                    : TicketChannel.Online,
                EnterpriseId = e?.Id,
                BuildingId = e?.BuildingId,
                FiledByUserId = filerUserId,
                FiledForByUserId = filerUserId is null ? tax.Id : null,
                FilerName = filer,
                FilerPhone = $"139{random.Next(10000000, 99999999)}",
                Description = s.Spec.Asks[ask % s.Spec.Asks.Length],
                Address = e?.Location,
                FiledAtUtc = filedAt,
                UpdatedAtUtc = filedAt,
                SlaWorkingDays = limit,
                DueOn = SlaClock.Deadline(cal, filedOn, limit),
                Version = 1,
            };
            db.Tickets.Add(t);
            if (s.Service.Id == taxConsult.Id)
                db.TicketAttributeValues.Add(
                    new TicketAttributeValue
                    {
                        TicketId = t.Id,
                        Code = "tax_type",
                        Value = ask % 2 == 0 ? "vat" : "cit",
                    }
                );
            if (s.Service.Id == legal.Id)
                db.TicketAttributeValues.Add(
                    new TicketAttributeValue
                    {
                        TicketId = t.Id,
                        Code = "counterparty",
                        Value = "某物业服务有限公司",
                    }
                );
            Step(t, filedAt, TicketEventKinds.Filed, TicketStatus.Submitted, filer, null);
            return t;
        }

        void Step(
            Ticket t,
            DateTime at,
            string kind,
            TicketStatus status,
            string actor,
            string? note,
            string? actorId = null
        )
        {
            t.Status = status;
            t.UpdatedAtUtc = at;
            t.Version++;
            db.TicketEvents.Add(
                new TicketEvent
                {
                    Id = Guid.NewGuid(),
                    TicketId = t.Id,
                    AtUtc = at,
                    Kind = kind,
                    StatusAfter = status,
                    ActorName = actor,
                    ActorUserId = actorId,
                    Note = note,
                }
            );
        }

        void Handle(
            Ticket t,
            string officer,
            string? officerId,
            bool close,
            SatisfactionGrade? grade
        )
        {
            var signed = t.FiledAtUtc.AddHours(2 + random.Next(20));
            t.OfficerName = officer;
            t.OfficerUserId = officerId;
            t.SignedAtUtc = signed;
            Step(
                t,
                signed,
                TicketEventKinds.SignedFor,
                TicketStatus.InProgress,
                officer,
                null,
                officerId
            );
            var replied = signed.AddHours(4 + random.Next(48));
            t.Reply = Replies[random.Next(Replies.Length)];
            t.RepliedAtUtc = replied;
            Step(
                t,
                replied,
                TicketEventKinds.Replied,
                TicketStatus.Replied,
                officer,
                t.Reply,
                officerId
            );
            if (grade is { } g)
            {
                t.Rating = g;
                t.RatedRound = 1;
                t.ClosedAtUtc = replied.AddHours(5);
                Step(
                    t,
                    replied.AddHours(5),
                    TicketEventKinds.Rated,
                    TicketStatus.Closed,
                    t.FilerName,
                    null
                );
            }
            else if (close)
            {
                t.ClosedAtUtc = replied.AddDays(3);
                Step(
                    t,
                    replied.AddDays(3),
                    TicketEventKinds.Closed,
                    TicketStatus.Closed,
                    officer,
                    null,
                    officerId
                );
            }
        }

        var officerNames = new Dictionary<string, string>
        {
            ["tax"] = "王敏",
            ["market"] = "李娜",
            ["transport"] = "马强",
            ["labour"] = "高峰",
            ["social"] = "何丽",
            ["fund"] = "林涛",
            ["stats"] = "许静",
            ["legal"] = "郭律",
        };
        SatisfactionGrade[] grades =
        [
            SatisfactionGrade.VerySatisfied,
            SatisfactionGrade.VerySatisfied,
            SatisfactionGrade.Satisfied,
            SatisfactionGrade.Satisfied,
            SatisfactionGrade.VerySatisfied,
            SatisfactionGrade.Neutral,
        ];
        // 36 finished tickets over the last four months.
        for (var i = 0; i < 36; i++)
        {
            var s = services[random.Next(services.Count)];
            var filedOn = today.AddDays(-(12 + random.Next(110)));
            while (!cal.IsWorkingDay(filedOn))
                filedOn = filedOn.AddDays(-1);
            var e = resident.Count == 0 ? null : resident[random.Next(resident.Count)];
            var t = Make(s, filedOn, e, Filers[random.Next(Filers.Length)], null, i);
            var officer = s.Dept.Code == "tax" ? tax.DisplayName : officerNames[s.Dept.Code];
            Handle(
                t,
                officer,
                s.Dept.Code == "tax" ? tax.Id : null,
                true,
                i % 4 == 3 ? null : grades[random.Next(grades.Length)]
            );
        }

        var taxServices = services.Where(s => s.Dept.Code == "tax").ToList();
        // The tax queue: one overdue (signed, in progress), one due soon (not signed yet), two on time.
        var overdueFiled = cal.AddWorkingDays(today, 0);
        for (var back = 0; back < 5; back++)
            overdueFiled = overdueFiled.AddDays(-1);
        while (!cal.IsWorkingDay(overdueFiled))
            overdueFiled = overdueFiled.AddDays(-1);
        var overdue = Make(taxServices[0], overdueFiled, At(resident, 3), "陈静", null, 1);
        overdue.DueOn = PreviousWorkingDay(cal, today);
        overdue.OfficerUserId = tax.Id;
        overdue.OfficerName = tax.DisplayName;
        overdue.SignedAtUtc = overdue.FiledAtUtc.AddHours(3);
        Step(
            overdue,
            overdue.SignedAtUtc.Value,
            TicketEventKinds.SignedFor,
            TicketStatus.InProgress,
            tax.DisplayName,
            null,
            tax.Id
        );
        var soon = Make(
            taxServices[0],
            PreviousWorkingDay(cal, today),
            At(resident, 5),
            "赵磊",
            null,
            2
        );
        soon.DueOn = cal.AddWorkingDays(today, 1);
        var onTime = Make(taxServices[1], today, At(resident, 7), "周婷", null, 0);
        _ = onTime;
        Make(
            services.First(s => s.Service.Code == "market-consult"),
            today,
            At(resident, 9),
            "吴昊",
            null,
            0
        );
        Make(
            services.First(s => s.Service.Code == "social-consult"),
            PreviousWorkingDay(cal, today),
            At(resident, 11),
            "孙悦",
            null,
            1
        );

        // The demo enterprise's tickets (郑秋锁).
        if (facts is not null)
        {
            var a = Make(
                services.First(s => s.Service.Code == "tax-consult"),
                today.AddDays(-40),
                facts,
                contact.DisplayName,
                contact.Id,
                0
            );
            Handle(a, tax.DisplayName, tax.Id, true, SatisfactionGrade.VerySatisfied);
            a.RatingComment = "解答很专业，帮我们享受到了小规模纳税人免税政策。";
            var b = Make(
                services.First(s => s.Service.Code == "market-consult"),
                PreviousWorkingDay(cal, today.AddDays(-3)),
                facts,
                contact.DisplayName,
                contact.Id,
                0
            );
            Handle(b, officerNames["market"], null, false, null);
            var c = Make(
                services.First(s => s.Service.Code == "tax-invoice"),
                PreviousWorkingDay(cal, today),
                facts,
                contact.DisplayName,
                contact.Id,
                1
            );
            c.OfficerUserId = tax.Id;
            c.OfficerName = tax.DisplayName;
            c.SignedAtUtc = c.FiledAtUtc.AddHours(1);
            Step(
                c,
                c.SignedAtUtc.Value,
                TicketEventKinds.SignedFor,
                TicketStatus.InProgress,
                tax.DisplayName,
                null,
                tax.Id
            );
        }
        _ = taxDept;
        await db.SaveChangesAsync(ct);
        db.SuppressAudit = false;
    }

    private static EnterpriseFacts? At(IReadOnlyList<EnterpriseFacts> list, int i) =>
        i < list.Count ? list[i] : null;

    private static DateOnly PreviousWorkingDay(WorkingCalendar cal, DateOnly d)
    {
        d = d.AddDays(-1);
        while (!cal.IsWorkingDay(d))
            d = d.AddDays(-1);
        return d;
    }
}
