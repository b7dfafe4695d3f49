using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Modules.Organization.Domain;

namespace Louyu.Web.Modules.Organization.Demo;

/// <summary>
/// Generates the dated history of buildings, enterprises, organisations, members and party workers, deterministically
/// from a seed. Time is cut into segments between checkpoints (every year end from 2009, plus the report's date);
/// inside a segment enterprises move in and out, branches are founded, members join, transfer in, out and within,
/// and workers start or leave, on random dates — and the numbers of each are chosen so that the figures counted from
/// the rows at each checkpoint are exactly the targets.
/// </summary>
public sealed class DemoScenarioGenerator
{
    private static readonly DateOnly HistoryStart = new(2009, 1, 1);
    private static readonly string[] Industries =
    [
        "I",
        "L",
        "M",
        "F",
        "J",
        "K",
        "R",
        "E",
        "G",
        "H",
        "N",
        "P",
    ];
    private static readonly string[] IndustryWords =
    [
        "信息技术",
        "商务咨询",
        "科技发展",
        "商贸",
        "投资管理",
        "物业管理",
        "文化传媒",
        "建筑工程",
        "物流",
        "餐饮管理",
        "环保科技",
        "教育咨询",
    ];
    private static readonly string[] Brands =
    [
        "华信",
        "博远",
        "启航",
        "锦程",
        "新桥",
        "恒达",
        "瑞丰",
        "嘉禾",
        "鼎盛",
        "远景",
        "中科",
        "联创",
        "汇智",
        "天成",
        "金桥",
        "宏图",
        "安泰",
        "盛世",
        "云帆",
        "智联",
        "优品",
        "润泽",
        "海纳",
        "众合",
        "卓越",
        "明德",
        "同心",
        "长青",
        "凯旋",
        "腾越",
        "青禾",
        "丰源",
        "正和",
        "星河",
        "晨光",
        "德信",
        "和悦",
        "百川",
        "立方",
        "亿联",
    ];
    private static readonly string[] Surnames =
    [
        "王",
        "李",
        "张",
        "刘",
        "陈",
        "杨",
        "赵",
        "黄",
        "周",
        "吴",
        "徐",
        "孙",
        "胡",
        "朱",
        "高",
        "林",
        "何",
        "郭",
        "马",
        "罗",
        "梁",
        "宋",
        "郑",
        "谢",
        "韩",
        "唐",
        "冯",
        "于",
        "董",
        "萧",
        "程",
        "曹",
        "袁",
        "邓",
        "许",
        "傅",
        "沈",
        "曾",
    ];
    private static readonly string[] GivenChars =
    [
        "伟",
        "芳",
        "娜",
        "敏",
        "静",
        "丽",
        "强",
        "磊",
        "军",
        "洋",
        "勇",
        "艳",
        "杰",
        "娟",
        "涛",
        "明",
        "超",
        "秀",
        "霞",
        "平",
        "刚",
        "桂",
        "英",
        "华",
        "玉",
        "萍",
        "红",
        "鹏",
        "辉",
        "宇",
        "晨",
        "欣",
        "悦",
        "婷",
        "浩",
        "然",
        "博",
        "文",
        "思",
        "雨",
        "嘉",
        "怡",
        "子",
        "涵",
        "梓",
        "轩",
        "宁",
        "昊",
        "琳",
        "雪",
    ];
    private static readonly string[] RegionCodes =
    [
        "110106",
        "110105",
        "110108",
        "110102",
        "130602",
        "130631",
        "420300",
        "410105",
        "370102",
        "140105",
        "210102",
        "320106",
    ];
    private static readonly string[] BuildingNames =
    [
        "时代风帆大厦",
        "丰台科技园汇智大厦",
        "丽泽金融商务区A座",
        "总部基地十六区",
        "万丰路商务楼",
        "南苑路创业大厦",
        "看丹路企业中心",
        "科学城星火大厦",
        "卢沟桥商务中心",
        "西局新天地写字楼",
        "草桥欣园商务楼",
        "东铁匠营数码大厦",
        "大红门服装商贸大厦",
        "方庄芳群园商务楼",
    ];

    private readonly Random _rng;

    /// <summary>Founding dates and tags come from their own sequence, so adding them changed no other demo figure.</summary>
    private readonly Random _profileRng;
    private readonly DemoTargets _targets;
    private readonly DemoScenario _s = new();
    private readonly HashSet<string> _creditCodes = [];
    private readonly HashSet<string> _residentIds = [];
    private readonly HashSet<string> _enterpriseNames = [];

    // Live state while walking through time.
    private readonly List<Building> _covered = [];
    private readonly List<Enterprise> _present = [];
    private readonly HashSet<Guid> _stable = []; // enterprises hosting an organisation never move out
    private readonly HashSet<Guid> _organized = [];
    private readonly HashSet<Guid> _instructed = [];
    private readonly List<PartyOrganization> _branches = [];
    private readonly List<MemberSpell> _activeSpells = [];
    private readonly Dictionary<Guid, int> _branchSize = [];
    private readonly Dictionary<Guid, List<Guid>> _branchEnterprises = [];
    private List<Enterprise> _branchPool = [];
    private Dictionary<Guid, List<Enterprise>> _branchPoolByBuilding = [];
    private readonly List<PartyWorker> _activeWorkers = [];
    private readonly Dictionary<Guid, InstructorAssignment> _instructorOf = [];
    private int _buildingNo;

    private DemoScenarioGenerator(DemoTargets targets)
    {
        _targets = targets;
        _rng = new Random(targets.Seed);
        _profileRng = new Random(targets.Seed + 1);
    }

    public static DemoScenario Generate(DemoTargets targets) =>
        new DemoScenarioGenerator(targets).Run();

    /// <summary>The checkpoints and the figures the data must show on each of them.</summary>
    public static IReadOnlyList<(DateOnly Date, DemoFigures Figures)> Checkpoints(DemoTargets t)
    {
        var list = new List<(DateOnly, DemoFigures)>();
        for (var year = 2009; year <= DemoTargets.HistoryEnd.Year; year++)
        {
            var yearEnd = new DateOnly(year, 12, 31);
            if (year == 2021)
                list.Add((DemoTargets.ReportDate, t.Report));
            list.Add((yearEnd, FiguresAt(t, yearEnd)));
        }
        return list;
    }

    private static DemoFigures FiguresAt(DemoTargets t, DateOnly date)
    {
        if (date <= DemoTargets.StartDate)
            return t.Start;
        if (date >= DemoTargets.ReportDate)
        {
            // After the report: a few per cent a year more (the committee keeps working).
            var years = (date.DayNumber - DemoTargets.ReportDate.DayNumber) / 365.25;
            return new DemoFigures(
                Grow(t.Report.Buildings, 0.03, years),
                Grow(t.Report.Enterprises, 0.035, years),
                Grow(t.Report.Branches, 0.04, years),
                Grow(t.Report.Members, 0.05, years),
                Grow(t.Report.PartyWorkers, 0.02, years)
            );
        }
        var p =
            (double)(date.DayNumber - DemoTargets.StartDate.DayNumber)
            / (DemoTargets.ReportDate.DayNumber - DemoTargets.StartDate.DayNumber);
        return new DemoFigures(
            Lerp(t.Start.Buildings, t.Report.Buildings, Math.Pow(p, 0.9)),
            Lerp(t.Start.Enterprises, t.Report.Enterprises, Math.Pow(p, 1.1)),
            Lerp(t.Start.Branches, t.Report.Branches, Math.Pow(p, 1.15)),
            Lerp(t.Start.Members, t.Report.Members, Math.Pow(p, 1.25)),
            Lerp(t.Start.PartyWorkers, t.Report.PartyWorkers, Math.Pow(p, 1.0))
        );
    }

    private static int Lerp(int a, int b, double f) => a + (int)Math.Round((b - a) * f);

    private static int Grow(int v, double rate, double years) =>
        (int)Math.Round(v * (1 + rate * years));

    private DemoScenario Run()
    {
        var prev = HistoryStart.AddDays(-1);
        foreach (var (date, figures) in Checkpoints(_targets))
        {
            Segment(prev, date, figures);
            prev = date;
        }
        return _s;
    }

    private void Segment(DateOnly prev, DateOnly cur, DemoFigures target)
    {
        var first = _s.Buildings.Count == 0;
        var years = Math.Max(0.1, (cur.DayNumber - prev.DayNumber) / 365.25);

        // 1. Buildings whose work starts in this segment.
        var newBuildings = new List<Building>();
        while (_covered.Count < target.Buildings)
        {
            var from = first ? new DateOnly(2009, 3, 2) : RandomDate(prev, cur);
            var b = NewBuilding(from);
            _covered.Add(b);
            newBuildings.Add(b);
        }
        if (_s.Organizations.Count == 0)
            CreateCommitteeLineage();

        // 2. Enterprises: move-outs, the populations of new buildings, move-ins.
        var movable = _present.Where(e => !_stable.Contains(e.Id)).ToList();
        var outs = first ? 0 : (int)Math.Round(_present.Count * 0.05 * years);
        var initialPerBuilding = new Dictionary<Building, int>();
        var averagePerBuilding = Math.Max(10, target.Enterprises / Math.Max(1, target.Buildings));
        foreach (var b in newBuildings)
            initialPerBuilding[b] = first
                ? target.Enterprises
                : Math.Max(5, (int)(averagePerBuilding * (0.55 + _rng.NextDouble() * 0.3)));
        var initialTotal = initialPerBuilding.Values.Sum();
        var ins = target.Enterprises - (_present.Count - outs) - initialTotal;
        if (ins < 0)
        {
            outs += -ins;
            ins = 0;
        }
        outs = Math.Min(outs, movable.Count);
        // If too few could move out, shrink the new buildings' initial populations.
        var excess = _present.Count - outs + initialTotal + ins - target.Enterprises;
        foreach (var b in newBuildings)
        {
            if (excess <= 0)
                break;
            var cut = Math.Min(excess, initialPerBuilding[b] - 1);
            initialPerBuilding[b] -= cut;
            excess -= cut;
        }
        Shuffle(movable);
        var gone = new HashSet<Enterprise>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < outs; i++)
        {
            var e = movable[i];
            e.MovedOutOn = RandomDate(Max(prev, e.MovedInOn), cur);
            gone.Add(e);
            if (_instructorOf.Remove(e.Id, out var ia))
                ia.ToDate = e.MovedOutOn;
        }
        _present.RemoveAll(gone.Contains);
        foreach (var (b, n) in initialPerBuilding)
            for (var i = 0; i < n; i++)
                _present.Add(
                    NewEnterprise(
                        b,
                        RandomDate(new DateOnly(1996, 1, 1), b.CoveredFrom.AddDays(-1))
                    )
                );
        for (var i = 0; i < ins; i++)
        {
            var b = _covered[_rng.Next(_covered.Count)];
            var named = _targets.NamedPeople && _s.NamedEnterpriseId is null && cur.Year == 2014;
            if (named)
                b = _covered[0];
            var e = NewEnterprise(b, RandomDate(Max(prev, b.CoveredFrom), cur));
            if (named)
            {
                e.Name = "乐居乐筑(北京)新能源科技有限公司";
                e.LegalRepresentative = "郑秋锁";
                e.Industry = "M";
                e.FoundedOn = new DateOnly(2012, 3, 15);
                e.Size = EnterpriseSize.Small;
                e.Tags = "高新技术企业;新能源;科技型中小企业";
                _s.NamedEnterpriseId = e.Id;
                _stable.Add(e.Id);
            }
            _present.Add(e);
        }

        // 3. Branches founded in this segment (own branches and joint branches of 2–5 enterprises).
        var newBranches = new List<PartyOrganization>();
        _branchPool = _present
            .Where(e =>
                !_organized.Contains(e.Id)
                && e.MovedInOn <= cur.AddDays(-30)
                && e.MovedOutOn is null
            )
            .ToList();
        _branchPoolByBuilding = _branchPool
            .GroupBy(e => e.BuildingId)
            .ToDictionary(g => g.Key, g => g.ToList());
        while (_branches.Count < target.Branches)
        {
            var br = NewBranch(prev, cur, first && _branches.Count == 0);
            if (br is null)
                break;
            newBranches.Add(br);
        }

        // 4. Members: transfers out and within, then new spells so that the count hits the target.
        var spellOuts = first ? 0 : (int)Math.Round(_activeSpells.Count * 0.04 * years);
        var needNew = target.Members - (_activeSpells.Count - spellOuts);
        var minimumNew = 3 * newBranches.Count;
        if (needNew < minimumNew)
        {
            spellOuts += minimumNew - needNew;
            needNew = minimumNew;
        }
        var leaving = _activeSpells.Where(s => _branchSize[s.OrganizationId] > 5).ToList();
        Shuffle(leaving);
        spellOuts = Math.Min(spellOuts, leaving.Count);
        var ended = new HashSet<MemberSpell>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < spellOuts; i++)
        {
            var s = leaving[i];
            s.ToDate = RandomDate(Max(prev, s.FromDate), cur);
            ended.Add(s);
            _branchSize[s.OrganizationId]--;
        }
        _activeSpells.RemoveAll(ended.Contains);
        if (!first && _branches.Count > 1)
        {
            var moves = (int)Math.Round(_activeSpells.Count * 0.01 * years);
            for (var i = 0; i < moves; i++)
                InternalTransfer(prev, cur);
        }
        foreach (var br in newBranches)
            for (var i = 0; i < 3; i++)
                NewMemberSpell(br, br.FoundedOn, "Founding");
        for (var i = 0; i < needNew - minimumNew; i++)
        {
            var br = _branches[_rng.Next(_branches.Count)];
            NewMemberSpell(
                br,
                RandomDate(Max(prev, br.FoundedOn), cur),
                _rng.NextDouble() < 0.55 ? "Developed" : "TransferIn"
            );
        }
        // Pocket members (口袋党员): party members working here whose relationship sits elsewhere. They have no spell
        // in the building's organisations, so the member figures do not count them, but coverage shows their
        // enterprises as "members but no organisation".
        if (!first)
        {
            var pool = _present.Where(e => !_organized.Contains(e.Id)).ToList();
            var pockets = Math.Min(pool.Count, (int)Math.Round(Math.Max(1, needNew) * 0.08));
            for (var i = 0; i < pockets; i++)
            {
                var e = pool[_rng.Next(pool.Count)];
                var joined = RandomDate(new DateOnly(1990, 1, 1), Max(e.MovedInOn, prev));
                NewMember(joined, 21 + _rng.Next(20), e.Id);
            }
        }

        // 5. Party workers.
        var workerOuts = first
            ? 0
            : (int)Math.Floor(_activeWorkers.Count * 0.02 * years + _rng.NextDouble() * 0.5);
        var candidates = _activeWorkers.Where(w => !IsNamedWorker(w)).ToList();
        workerOuts = Math.Min(workerOuts, candidates.Count);
        var newWorkers = target.PartyWorkers - (_activeWorkers.Count - workerOuts);
        if (newWorkers < 0)
        {
            workerOuts += -newWorkers;
            newWorkers = 0;
        }
        for (var i = 0; i < Math.Min(workerOuts, candidates.Count); i++)
        {
            candidates[i].EndedOn = RandomDate(Max(prev, candidates[i].StartedOn), cur);
            _activeWorkers.Remove(candidates[i]);
        }
        for (var i = 0; i < newWorkers; i++)
            NewWorker(prev, cur, first, last: i == newWorkers - 1);

        // 6. Instructors for enterprises without an organisation (work coverage grows from about 30% to 60%).
        var wanted = (int)(
            _present.Count * (first ? 0.25 : Math.Min(0.55, 0.25 + 0.03 * (cur.Year - 2009)))
        );
        var uncovered = _present
            .Where(e => !_organized.Contains(e.Id) && !_instructed.Contains(e.Id))
            .ToList();
        Shuffle(uncovered);
        var have = _present.Count(e => _organized.Contains(e.Id) || _instructed.Contains(e.Id));
        for (
            var i = 0;
            i < uncovered.Count && have < wanted && _activeWorkers.Count > 0;
            i++, have++
        )
        {
            var e = uncovered[i];
            var w = _activeWorkers[_rng.Next(_activeWorkers.Count)];
            var ia = new InstructorAssignment
            {
                Id = NewId(),
                EnterpriseId = e.Id,
                PartyWorkerId = w.Id,
                FromDate = RandomDate(Max(Max(prev, e.MovedInOn), w.StartedOn), cur),
            };
            _s.Instructors.Add(ia);
            _instructed.Add(e.Id);
            _instructorOf[e.Id] = ia;
        }
    }

    private bool IsNamedWorker(PartyWorker w) =>
        _targets.NamedPeople && w.Name is "韩青" or "刘再周" or "赵鑫";

    private void CreateCommitteeLineage()
    {
        var b = _covered[0];
        // The building's general branch (党总支) became the building party committee (党委) in July 2013.
        var general = new PartyOrganization
        {
            Id = NewId(),
            Name = _targets.NamedPeople ? "时代风帆楼宇党总支" : "区两新党总支",
            Type = OrganizationType.GeneralBranch,
            BuildingId = b.Id,
            FoundedOn = new DateOnly(2011, 6, 28),
            DissolvedOn = new DateOnly(2013, 7, 1),
        };
        var committee = new PartyOrganization
        {
            Id = NewId(),
            Name = _targets.NamedPeople ? "时代风帆楼宇党委" : "区两新工委",
            Type = OrganizationType.Committee,
            BuildingId = b.Id,
            FoundedOn = new DateOnly(2013, 7, 1),
        };
        _s.Organizations.Add(general);
        _s.Organizations.Add(committee);
        _s.CommitteeId = committee.Id;
    }

    private PartyOrganization? NewBranch(DateOnly prev, DateOnly cur, bool theFirst)
    {
        // Enterprises present through the whole segment and not yet covered by an organisation.
        var pool = _branchPool;
        if (pool.Count == 0)
            return null;
        var joint = !theFirst && _rng.NextDouble() < 0.35;
        var anchor = pool[_rng.Next(pool.Count)];
        for (var tries = 0; _organized.Contains(anchor.Id) && tries < 100; tries++)
            anchor = pool[_rng.Next(pool.Count)];
        if (_organized.Contains(anchor.Id))
            return null;
        var members = new List<Enterprise> { anchor };
        JointGrouping? grouping = null;
        if (joint)
        {
            grouping = (JointGrouping)_rng.Next(3);
            var peers = _branchPoolByBuilding[anchor.BuildingId]
                .Where(e => e.Id != anchor.Id && !_organized.Contains(e.Id))
                .ToList();
            Shuffle(peers);
            members.AddRange(peers.Take(1 + _rng.Next(4)));
            if (members.Count < 2)
            {
                joint = false;
                grouping = null;
            }
        }
        if (theFirst && anchor.MovedInOn >= new DateOnly(2008, 6, 18))
            anchor.MovedInOn = new DateOnly(2006, 5, 8);
        var latestMoveIn = members.Max(e => e.MovedInOn);
        var building = _covered.First(b => b.Id == anchor.BuildingId);
        var founded = theFirst
            ? new DateOnly(2008, 6, 18)
            : RandomDate(Max(Max(prev, latestMoveIn), building.CoveredFrom), cur);
        var org = new PartyOrganization
        {
            Id = NewId(),
            Name = joint
                ? $"{building.Name}{GroupingName(grouping!.Value)}联合党支部{_branches.Count + 1}"
                : $"{anchor.Name}党支部",
            Type = joint ? OrganizationType.JointBranch : OrganizationType.Branch,
            BuildingId = anchor.BuildingId,
            Grouping = grouping,
            FoundedOn = founded,
            ParentId = _s.CommitteeId == Guid.Empty ? null : _s.CommitteeId,
        };
        _s.Organizations.Add(org);
        _branches.Add(org);
        _branchSize[org.Id] = 0;
        _branchEnterprises[org.Id] = members.Select(e => e.Id).ToList();
        if (theFirst)
            _s.FirstBranchId = org.Id;
        foreach (var e in members)
        {
            _s.OrganizationEnterprises.Add(
                new OrganizationEnterprise
                {
                    OrganizationId = org.Id,
                    EnterpriseId = e.Id,
                    FromDate = founded,
                }
            );
            _organized.Add(e.Id);
            _stable.Add(e.Id);
            if (_rng.NextDouble() < 0.3)
                e.LegalRepresentativeIsMember = true;
        }
        return org;
    }

    private static string GroupingName(JointGrouping g) =>
        g switch
        {
            JointGrouping.SameIndustry => "同业",
            JointGrouping.Area => "片区",
            _ => "龙头",
        };

    private void NewMemberSpell(PartyOrganization branch, DateOnly from, string reason)
    {
        var developed = reason == "Developed";
        var joined = developed ? from : RandomDate(new DateOnly(1985, 1, 1), from.AddDays(-30));
        var age = developed ? 22 + _rng.Next(16) : 20 + _rng.Next(20);
        var workplace = _branchEnterprises[branch.Id];
        var member = NewMember(joined, age, workplace[_rng.Next(workplace.Count)]);
        var spell = new MemberSpell
        {
            Id = NewId(),
            MemberId = member.Id,
            OrganizationId = branch.Id,
            FromDate = from,
            Reason = reason,
        };
        _s.Spells.Add(spell);
        _activeSpells.Add(spell);
        _branchSize[branch.Id]++;
    }

    /// <summary>A party member (joined at the given age) working at the given enterprise, with a valid resident ID.</summary>
    private Member NewMember(DateOnly joined, int age, Guid workplace)
    {
        var birth = RandomDate(joined.AddYears(-age - 1).AddDays(1), joined.AddYears(-age));
        var gender = _rng.Next(2) == 0 ? Gender.Male : Gender.Female;
        var residentId = NewResidentId(birth, gender);
        var full = joined.AddYears(1);
        var member = new Member
        {
            Id = NewId(),
            Name = PersonName(),
            ResidentIdCipher = "",
            ResidentIdHash = "",
            ResidentIdMasked = ResidentIdNumber.Mask(residentId),
            Gender = gender,
            BirthDate = birth,
            JoinedOn = joined,
            FullMemberOn = full,
            Status = full <= DemoTargets.HistoryEnd ? MemberStatus.Full : MemberStatus.Probationary,
            EnterpriseId = workplace,
            IsMobile = _rng.NextDouble() < 0.08,
        };
        _s.Members.Add(new DemoMember(member, residentId));
        return member;
    }

    private void InternalTransfer(DateOnly prev, DateOnly cur)
    {
        if (_activeSpells.Count == 0)
            return;
        var index = _rng.Next(_activeSpells.Count);
        for (
            var tries = 0;
            _branchSize[_activeSpells[index].OrganizationId] <= 5 && tries < 20;
            tries++
        )
            index = _rng.Next(_activeSpells.Count);
        var s = _activeSpells[index];
        if (_branchSize[s.OrganizationId] <= 5)
            return;
        var target = _branches[_rng.Next(_branches.Count)];
        if (target.Id == s.OrganizationId)
            return;
        var on = RandomDate(Max(Max(prev, s.FromDate.AddDays(1)), target.FoundedOn), cur);
        if (on <= s.FromDate)
            return;
        s.ToDate = on;
        _activeSpells[index] = _activeSpells[^1];
        _activeSpells.RemoveAt(_activeSpells.Count - 1);
        _branchSize[s.OrganizationId]--;
        var next = new MemberSpell
        {
            Id = NewId(),
            MemberId = s.MemberId,
            OrganizationId = target.Id,
            FromDate = on,
            Reason = "InternalTransfer",
        };
        _s.Spells.Add(next);
        _activeSpells.Add(next);
        _branchSize[target.Id]++;
    }

    private void NewWorker(DateOnly prev, DateOnly cur, bool first, bool last)
    {
        string name;
        DateOnly started;
        if (_targets.NamedPeople && first && _s.Workers.Count == 0)
            (name, started) = ("韩青", new DateOnly(2009, 3, 2));
        else if (
            _targets.NamedPeople
            && cur.Year == 2011
            && _s.Workers.All(w => w.Name != "刘再周")
        )
            (name, started) = ("刘再周", new DateOnly(2011, 4, 6));
        else if (_targets.NamedPeople && cur == DemoTargets.ReportDate && last)
            (name, started) = ("赵鑫", new DateOnly(2021, 2, 22));
        else
            (name, started) = (PersonName(), RandomDate(prev, cur));
        var building = _covered
            .Where(b => b.CoveredFrom <= started)
            .DefaultIfEmpty(_covered[0])
            .ToList();
        var w = new PartyWorker
        {
            Id = NewId(),
            Name = name,
            BuildingId = building[_rng.Next(building.Count)].Id,
            StartedOn = started,
        };
        if (name is "韩青" or "刘再周")
            w.BuildingId = _covered[0].Id;
        _s.Workers.Add(w);
        _activeWorkers.Add(w);
    }

    private Building NewBuilding(DateOnly from)
    {
        _buildingNo++;
        var name =
            _targets.NamedPeople && _buildingNo <= BuildingNames.Length
                ? BuildingNames[_buildingNo - 1]
                : $"{Brands[_rng.Next(Brands.Length)]}商务楼{_buildingNo}号";
        var b = new Building
        {
            Id = NewId(),
            Name = name,
            Address =
                $"北京市丰台区{(_buildingNo == 1 && _targets.NamedPeople ? "西三环南路" : "")}{_buildingNo * 7 % 200 + 1}号",
            Floors = 8 + _rng.Next(25),
            PropertyManager = $"{Brands[_rng.Next(Brands.Length)]}物业服务有限公司",
            CoveredFrom = from,
        };
        _s.Buildings.Add(b);
        return b;
    }

    private Enterprise NewEnterprise(Building b, DateOnly movedIn)
    {
        var k = _rng.Next(Industries.Length);
        // Names are unique while two brand words suffice, then three, then four (district scale).
        string name;
        var attempt = 0;
        do
        {
            var brand = string.Concat(
                Enumerable
                    .Range(0, 2 + (attempt >= 5 ? 1 : 0) + (attempt >= 20 ? 1 : 0))
                    .Select(_ => Brands[_rng.Next(Brands.Length)])
            );
            name = $"北京{brand}{IndustryWords[k]}有限公司";
            attempt++;
        } while (!_enterpriseNames.Add(name) && attempt < 50);
        var floor = 1 + _rng.Next(b.Floors);
        var e = new Enterprise
        {
            Id = NewId(),
            Name = name,
            UnifiedSocialCreditCode = NewCreditCode(),
            BuildingId = b.Id,
            Industry = Industries[k],
            EmployeeCount = (int)Math.Round(Math.Exp(1.5 + _rng.NextDouble() * 4.5)),
            LegalRepresentative = PersonName(),
            Floor = floor,
            Room = $"{floor}{1 + _rng.Next(20):00}",
            MovedInOn = movedIn,
        };
        e.FoundedOn =
            _profileRng.Next(10) == 0 ? null : movedIn.AddDays(-_profileRng.Next(0, 15 * 365));
        e.Size = SizeByEmployees(e.EmployeeCount);
        var tags = Tags.Where(_ => _profileRng.Next(12) == 0).ToList();
        e.Tags = tags.Count == 0 ? null : string.Join(';', tags);
        _s.Enterprises.Add(e);
        return e;
    }

    /// <summary>Recognitions a building's enterprises commonly hold (policies match on them).</summary>
    private static readonly string[] Tags =
    [
        "高新技术企业",
        "专精特新",
        "科技型中小企业",
        "中关村高新技术企业",
        "外资企业",
        "总部企业",
    ];

    /// <summary>
    /// The size class by employees alone, as 国统字〔2017〕213号 classes the "other" industries: fewer than 10 micro,
    /// fewer than 100 small, fewer than 300 medium, else large (demo data has no revenue).
    /// </summary>
    private static EnterpriseSize SizeByEmployees(int employees) =>
        employees switch
        {
            < 10 => EnterpriseSize.Micro,
            < 100 => EnterpriseSize.Small,
            < 300 => EnterpriseSize.Medium,
            _ => EnterpriseSize.Large,
        };

    private string NewCreditCode()
    {
        const string orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        Span<char> body = stackalloc char[8];
        while (true)
        {
            for (var i = 0; i < 8; i++)
                body[i] =
                    i < 2 && _rng.Next(4) == 0
                        ? orgChars[10 + _rng.Next(21)]
                        : (char)('0' + _rng.Next(10));
            if (UnifiedSocialCreditCode.OrganizationCodeCheck(body) == 'X')
                continue; // 'X' is valid but rarer in practice; keep the codes plain digits at the end
            var code = UnifiedSocialCreditCode.Compose('9', '1', "110106", new string(body));
            if (_creditCodes.Add(code))
                return code;
        }
    }

    private string NewResidentId(DateOnly birth, Gender gender)
    {
        while (true)
        {
            var seq = _rng.Next(1, 500) * 2 + (gender == Gender.Male ? 1 : 0);
            if (seq > 999)
                continue;
            var id = ResidentIdNumber.Compose(
                RegionCodes[_rng.Next(RegionCodes.Length)],
                birth,
                seq
            );
            if (_residentIds.Add(id))
                return id;
        }
    }

    private string PersonName() => PersonName(_rng);

    /// <summary>A plausible Chinese name (surname and one or two given characters), drawn from <paramref name="rng"/>.</summary>
    internal static string PersonName(Random rng) =>
        Surnames[rng.Next(Surnames.Length)]
        + GivenChars[rng.Next(GivenChars.Length)]
        + (rng.Next(3) == 0 ? "" : GivenChars[rng.Next(GivenChars.Length)]);

    private DateOnly RandomDate(DateOnly after, DateOnly upTo)
    {
        // A date in (after, upTo]; when the range is empty, upTo.
        var span = upTo.DayNumber - after.DayNumber;
        return span <= 0 ? upTo : DateOnly.FromDayNumber(after.DayNumber + 1 + _rng.Next(span));
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
