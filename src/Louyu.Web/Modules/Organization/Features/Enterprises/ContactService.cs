using System.Security.Claims;
using Louyu.Web.Modules.Organization.Contracts;
using Louyu.Web.Modules.Organization.Data;
using Louyu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Louyu.Web.Modules.Organization.Features.Enterprises;

/// <summary>An enterprise contact as the API answers it.</summary>
public sealed record ContactResponse(
    Guid Id,
    Guid EnterpriseId,
    string Name,
    string? Title,
    string? Phone,
    string? Email,
    bool IsPrimary,
    int Version
)
{
    public static ContactResponse From(EnterpriseContact c) =>
        new(c.Id, c.EnterpriseId, c.Name, c.Title, c.Phone, c.Email, c.IsPrimary, c.Version);
}

/// <summary>
/// The contacts of an enterprise (企业联系人). Readers of the enterprise read them; the roles that write enterprises
/// change them. An enterprise has at most one primary contact: the first contact becomes primary, marking another
/// one primary clears the old one in the same transaction, and deleting the primary contact hands the mark to the
/// next one.
/// </summary>
public sealed class ContactService(LouyuDbContext db, IBuildingScopeResolver scopes)
{
    private async Task<(Enterprise? Enterprise, Outcome<T>? Refusal)> EnterpriseAsync<T>(
        ClaimsPrincipal user,
        Guid id,
        bool write,
        CancellationToken ct
    )
    {
        var access = await OrganizationAccess.ResolveAsync(scopes, user, ct);
        if (!access.CanRead)
            return (null, Outcome<T>.Forbidden());
        var e = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !access.Read.Allows(e.BuildingId))
            return (null, Outcome<T>.NotFound());
        if (write && !access.Write.Allows(e.BuildingId))
            return (null, Outcome<T>.Forbidden(access.RefusalKey));
        return (e, null);
    }

    public async Task<Outcome<Paged<ContactResponse>>> ListAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        int? page,
        int? pageSize,
        CancellationToken ct
    )
    {
        var (e, refusal) = await EnterpriseAsync<Paged<ContactResponse>>(
            user,
            enterpriseId,
            false,
            ct
        );
        if (refusal is not null)
            return refusal;
        var errors = new List<FieldError>();
        var (p, size) = Paging.Check(errors, page, pageSize);
        if (errors.Count > 0)
            return Outcome<Paged<ContactResponse>>.Invalid(errors);
        var rows = db.EnterpriseContacts.AsNoTracking().Where(c => c.EnterpriseId == e!.Id);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(c => c.IsPrimary)
            .ThenBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Skip((p - 1) * size)
            .Take(size)
            .ToListAsync(ct);
        return Outcome<Paged<ContactResponse>>.Ok(
            new Paged<ContactResponse>([.. items.Select(ContactResponse.From)], p, size, total)
        );
    }

    public async Task<Outcome<ContactResponse>> GetAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        Guid contactId,
        CancellationToken ct
    )
    {
        var (e, refusal) = await EnterpriseAsync<ContactResponse>(user, enterpriseId, false, ct);
        if (refusal is not null)
            return refusal;
        var c = await db
            .EnterpriseContacts.AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == contactId && x.EnterpriseId == e!.Id, ct);
        return c is null
            ? Outcome<ContactResponse>.NotFound()
            : Outcome<ContactResponse>.Ok(ContactResponse.From(c));
    }

    public async Task<Outcome<ContactResponse>> CreateAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        ContactInput input,
        CancellationToken ct
    )
    {
        var (e, refusal) = await EnterpriseAsync<ContactResponse>(user, enterpriseId, true, ct);
        if (refusal is not null)
            return refusal;
        var (values, errors) = ContactRules.Validate(input, requireVersion: false);
        if (values is null)
            return Outcome<ContactResponse>.Invalid(errors);
        var others = await db
            .EnterpriseContacts.Where(c => c.EnterpriseId == e!.Id)
            .ToListAsync(ct);
        var contact = new EnterpriseContact
        {
            Id = Guid.CreateVersion7(),
            EnterpriseId = e!.Id,
            Name = values.Name,
            Version = 1,
        };
        Apply(contact, values);
        contact.IsPrimary = values.IsPrimary || others.Count == 0;
        if (contact.IsPrimary)
            ClearPrimary(others);
        db.EnterpriseContacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ContactResponse>.Conflict("Problem.ContactsChanged");
        }
        return Outcome<ContactResponse>.Ok(ContactResponse.From(contact));
    }

    public async Task<Outcome<ContactResponse>> UpdateAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        Guid contactId,
        ContactInput input,
        CancellationToken ct
    )
    {
        var (e, refusal) = await EnterpriseAsync<ContactResponse>(user, enterpriseId, true, ct);
        if (refusal is not null)
            return refusal;
        var all = await db.EnterpriseContacts.Where(c => c.EnterpriseId == e!.Id).ToListAsync(ct);
        var contact = all.FirstOrDefault(c => c.Id == contactId);
        if (contact is null)
            return Outcome<ContactResponse>.NotFound();
        var (values, errors) = ContactRules.Validate(input, requireVersion: true);
        if (values is null)
            return Outcome<ContactResponse>.Invalid(errors);
        if (input.Version != contact.Version)
            return Outcome<ContactResponse>.Conflict("Problem.StaleVersion", contact.Version);
        db.Entry(contact).Property(x => x.Version).OriginalValue = input.Version!.Value;
        contact.Version = input.Version.Value + 1;
        contact.Name = values.Name;
        var wasPrimary = contact.IsPrimary;
        Apply(contact, values);
        // Un-marking the only primary contact is not possible: mark another one instead.
        contact.IsPrimary = values.IsPrimary || wasPrimary;
        if (contact.IsPrimary && !wasPrimary)
            ClearPrimary(all.Where(c => c.Id != contact.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ContactResponse>.Conflict("Problem.StaleVersion", input.Version);
        }
        return Outcome<ContactResponse>.Ok(ContactResponse.From(contact));
    }

    public async Task<Outcome<bool>> DeleteAsync(
        ClaimsPrincipal user,
        Guid enterpriseId,
        Guid contactId,
        CancellationToken ct
    )
    {
        var (e, refusal) = await EnterpriseAsync<bool>(user, enterpriseId, true, ct);
        if (refusal is not null)
            return refusal;
        var all = await db.EnterpriseContacts.Where(c => c.EnterpriseId == e!.Id).ToListAsync(ct);
        var contact = all.FirstOrDefault(c => c.Id == contactId);
        if (contact is null)
            return Outcome<bool>.NotFound();
        db.EnterpriseContacts.Remove(contact);
        if (contact.IsPrimary)
        {
            var next = all.Where(c => c.Id != contactId)
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ThenBy(c => c.Id)
                .FirstOrDefault();
            if (next is not null)
            {
                next.IsPrimary = true;
                next.Version++;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<bool>.Conflict("Problem.ContactsChanged");
        }
        return Outcome<bool>.Ok(true);
    }

    private static void Apply(EnterpriseContact c, ContactValues v)
    {
        c.Title = v.Title;
        c.Phone = v.Phone;
        c.Email = v.Email;
    }

    private static void ClearPrimary(IEnumerable<EnterpriseContact> contacts)
    {
        foreach (var c in contacts.Where(c => c.IsPrimary))
        {
            c.IsPrimary = false;
            c.Version++;
        }
    }
}
