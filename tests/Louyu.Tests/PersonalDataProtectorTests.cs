using System.Security.Cryptography;
using Louyu.Web.Platform.Security;

namespace Louyu.Tests;

public sealed class PersonalDataProtectorTests
{
    private static byte[] Key(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("")]
    [InlineData("郑秋锁 · 乐居乐筑(北京)新能源科技有限公司")]
    public void Encrypt_then_decrypt_round_trips(string plain)
    {
        var protector = new PersonalDataProtector(Key(1));
        var cipher = protector.Encrypt(plain);
        Assert.Equal(plain, protector.Decrypt(cipher));
        Assert.Equal(plain, new PersonalDataProtector(Key(1)).Decrypt(cipher));
        if (plain.Length > 0)
            Assert.DoesNotContain(plain, cipher, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_encryptions_of_the_same_value_differ()
    {
        var protector = new PersonalDataProtector(Key(1));
        var a = protector.Encrypt("11010519491231002X");
        var b = protector.Encrypt("11010519491231002X");
        Assert.NotEqual(a, b);
        Assert.Equal(protector.Decrypt(a), protector.Decrypt(b));
    }

    [Fact]
    public void Hash_is_deterministic_per_key_and_differs_across_keys_and_values()
    {
        var one = new PersonalDataProtector(Key(1));
        var h = one.Hash("11010519491231002X");
        Assert.Equal(h, one.Hash("11010519491231002X"));
        Assert.Equal(h, new PersonalDataProtector(Key(1)).Hash("11010519491231002X"));
        Assert.NotEqual(h, new PersonalDataProtector(Key(2)).Hash("11010519491231002X"));
        Assert.NotEqual(h, one.Hash("360426199101010071"));
        Assert.Matches("^[0-9a-f]{64}$", h);
        // A keyed hash, not a plain SHA-256 of the value.
        Assert.NotEqual(
            Convert.ToHexString(SHA256.HashData("11010519491231002X"u8)).ToLowerInvariant(),
            h
        );
    }

    [Fact]
    public void Tampered_cipher_text_is_rejected()
    {
        var protector = new PersonalDataProtector(Key(1));
        var bytes = Convert.FromBase64String(protector.Encrypt("11010519491231002X"));
        // Flip a bit in the nonce, in the tag and in the cipher text in turn.
        foreach (var position in new[] { 0, 12, bytes.Length - 1 })
        {
            var copy = (byte[])bytes.Clone();
            copy[position] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() =>
                protector.Decrypt(Convert.ToBase64String(copy))
            );
        }
    }

    [Fact]
    public void Cipher_text_from_another_key_is_rejected()
    {
        var cipher = new PersonalDataProtector(Key(1)).Encrypt("11010519491231002X");
        Assert.ThrowsAny<CryptographicException>(() =>
            new PersonalDataProtector(Key(2)).Decrypt(cipher)
        );
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void Only_a_32_byte_key_is_accepted(int length) =>
        Assert.Throws<ArgumentException>(() => new PersonalDataProtector(new byte[length]));
}
