using System.Security.Cryptography;
using System.Text;

namespace Louyu.Web.Platform.Security;

/// <summary>
/// Encrypts sensitive personal information at rest (PIPL Art. 28, domain-rules §8.1) with AES-256-GCM and computes
/// a keyed hash (HMAC-SHA256) so that a sensitive value can serve as a natural key without being stored in clear.
/// The key comes from <c>Security:DataKey</c> (base64, 32 bytes) or, when absent, from a key file under data/keys.
/// </summary>
public sealed class PersonalDataProtector
{
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
            throw new ArgumentException("A 32-byte key is required.", nameof(masterKey));
        _encryptionKey = HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            masterKey,
            32,
            info: "louyu-encrypt"u8.ToArray()
        );
        _hashKey = HKDF.DeriveKey(
            HashAlgorithmName.SHA256,
            masterKey,
            32,
            info: "louyu-hash"u8.ToArray()
        );
    }

    public static PersonalDataProtector FromConfiguration(IConfiguration config)
    {
        var configured = config["Security:DataKey"];
        if (!string.IsNullOrWhiteSpace(configured))
            return new PersonalDataProtector(Convert.FromBase64String(configured));
        var file = Path.Combine(
            Directory.GetCurrentDirectory(),
            "data",
            "keys",
            "personal-data.key"
        );
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        if (!File.Exists(file))
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return new PersonalDataProtector(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }

    public string Encrypt(string plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = Encoding.UTF8.GetBytes(plain);
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(_encryptionKey, 16);
        aes.Encrypt(nonce, data, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Decrypt(string stored)
    {
        var bytes = Convert.FromBase64String(stored);
        if (bytes.Length < 28)
            throw new CryptographicException("Cipher text is too short.");
        var plain = new byte[bytes.Length - 28];
        using var aes = new AesGcm(_encryptionKey, 16);
        aes.Decrypt(bytes.AsSpan(0, 12), bytes.AsSpan(28), bytes.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string Hash(string plain) =>
        Convert
            .ToHexString(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(plain)))
            .ToLowerInvariant();
}
