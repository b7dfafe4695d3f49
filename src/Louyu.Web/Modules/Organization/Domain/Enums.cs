namespace Louyu.Web.Modules.Organization.Domain;

public enum Gender
{
    Male,
    Female,
}

/// <summary>Party organisation types (党组织类型).</summary>
public enum OrganizationType
{
    Committee, // 党委
    GeneralBranch, // 党总支
    Branch, // 党支部
    JointBranch, // 联合党支部
    Group, // 党小组
}

/// <summary>Political status; only Probationary (预备党员) and Full (正式党员) are party members.</summary>
public enum MemberStatus
{
    Applicant, // 入党申请人
    Activist, // 入党积极分子
    DevelopmentTarget, // 发展对象
    Probationary, // 预备党员
    Full, // 正式党员
}

/// <summary>Grouping of a joint branch: 同业共建、片区联建、龙头带建.</summary>
public enum JointGrouping
{
    SameIndustry,
    Area,
    LeadingEnterprise,
}

/// <summary>Positions in a committee term (书记、副书记、组织委员、宣传委员、纪检委员、委员).</summary>
public enum CommitteeRole
{
    Secretary, // 书记
    DeputySecretary, // 副书记
    OrganizationCommissioner, // 组织委员
    PropagandaCommissioner, // 宣传委员
    DisciplineCommissioner, // 纪检委员
    Member, // 委员
}

/// <summary>企业规模: 大型, 中型, 小型, 微型 (国统字〔2017〕213号).</summary>
public enum EnterpriseSize
{
    Large,
    Medium,
    Small,
    Micro,
}
