namespace Louyu.Web.Modules.PartyAffairs.Features.Development;

/// <summary>Settings of member development (section <c>PartyAffairs:Development</c>).</summary>
public sealed class DevelopmentOptions
{
    /// <summary>The largest document accepted, in bytes (default 10 MB).</summary>
    public long MaxDocumentBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>
/// What may be attached to a case: the kinds of document, and the file types (checked by their first bytes as well as
/// their name: PDF, JPEG, PNG, Word .docx).
/// </summary>
public static class DevelopmentDocuments
{
    public const string HalfYearAssessment = "HalfYearAssessment";

    /// <summary>The kinds of document, in the order of the steps they usually belong to.</summary>
    public static readonly string[] Kinds =
    [
        "Application", // 入党申请书
        "TalkRecord", // 谈话记录
        "Recommendation", // 推荐材料
        HalfYearAssessment, // 培养考察（半年考察）
        "PoliticalReview", // 政治审查材料
        "TrainingCertificate", // 培训结业证明
        "PublicityNotice", // 公示材料
        "ApplicationForm", // 入党志愿书
        "MeetingMinutes", // 支部大会记录
        "Approval", // 审批材料
        "ConversionApplication", // 转正申请书
        "Other",
    ];

    private static readonly (string Extension, string ContentType, byte[] Magic)[] Types =
    [
        (".pdf", "application/pdf", "%PDF"u8.ToArray()),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (
            ".docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            [0x50, 0x4B, 0x03, 0x04]
        ),
    ];

    public static string Extensions => string.Join(",", Types.Select(t => t.Extension));

    /// <summary>The content type of a file whose name and first bytes agree on an accepted type; null otherwise.</summary>
    public static string? ContentTypeOf(string fileName, ReadOnlySpan<byte> head)
    {
        var ext = Path.GetExtension(fileName).ToLowerInvariant();
        foreach (var (e, type, magic) in Types)
            if (e == ext && head.StartsWith(magic))
                return type;
        return null;
    }

    /// <summary>A safe display name: the file name without folders or control characters, at most 200 characters.</summary>
    public static string CleanName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (name.Length == 0)
            name = "document";
        return name.Length <= 200 ? name : name[^200..];
    }

    public static string StoragePath(Guid caseId, Guid documentId) =>
        Path.Combine("documents", "development", caseId.ToString("N"), documentId.ToString("N"));
}
