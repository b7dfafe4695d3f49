namespace Louyu.Web.Modules.PartyAffairs.Features.Transfers;

/// <summary>
/// Settings of transfers (<c>PartyAffairs:Transfers</c>), domain-rules §5.4 [S]: the letter's validity (default 30
/// days; about 10 is common in-city; at most 90), the months within which the receipt is due (1), the font used for
/// the letter PDF (a .ttf/.otf/.ttc path and the face index in a collection; searched when empty) and the sending
/// committee's contact details printed on the letter unless a transfer gives its own.
/// </summary>
public sealed class TransferOptions
{
    public int ValidityDays { get; set; } = 30;
    public int ReceiptMonths { get; set; } = 1;
    public string? FontPath { get; set; }
    public int FontFaceIndex { get; set; }
    public string? SenderAddress { get; set; }
    public string? SenderPhone { get; set; }
    public string? SenderFax { get; set; }
    public string? SenderPostcode { get; set; }
}
