using System.Text;
using System.Text.RegularExpressions;

namespace Kabar.Input;

/// <summary>
/// Turns bytes into text: a byte-order mark wins; valid UTF-8 is UTF-8; otherwise the charset the document declares
/// (<c>&lt;meta charset&gt;</c>, XML declaration); otherwise Windows-1252, the de-facto encoding of legacy Western
/// web pages (browsers treat ISO-8859-1 labels the same way). Binary data is refused.
/// </summary>
public static partial class TextDecoder
{
    static TextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes; throws <see cref="InputException"/> for binary data.</summary>
    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(false, false).GetString(bytes[3..]), "utf-8");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(bytes[2..]), "utf-16le");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be");
        }
        if (LooksLikeUtf16(bytes, out var bigEndian))
        {
            return ((bigEndian ? Encoding.BigEndianUnicode : Encoding.Unicode).GetString(bytes), bigEndian ? "utf-16be" : "utf-16le");
        }
        if (IsBinary(bytes))
        {
            throw new InputException("binary data, not text (control bytes found)");
        }
        if (IsValidUtf8(bytes))
        {
            return (Encoding.UTF8.GetString(bytes), "utf-8");
        }
        var declared = DeclaredCharset(bytes);
        if (declared is not null && !declared.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var encoding = Encoding.GetEncoding(declared.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) ? "windows-1252" : declared);
                return (encoding.GetString(bytes), encoding.WebName);
            }
            catch (ArgumentException)
            {
                // Unknown label: fall through to the Western default.
            }
        }
        return (Encoding.GetEncoding(1252).GetString(bytes), "windows-1252");
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    private static bool IsBinary(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }
        return sample.Length > 0 && control > sample.Length / 100 + 2;
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        var sample = bytes[..(Math.Min(bytes.Length, 4096) & ~1)];
        if (sample.Length < 8)
        {
            return false;
        }
        int evenZero = 0, oddZero = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            evenZero += sample[i] == 0 ? 1 : 0;
            oddZero += sample[i + 1] == 0 ? 1 : 0;
        }
        var pairs = sample.Length / 2;
        if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05)
        {
            return true;
        }
        if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }
        return false;
    }

    private static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        var head = Encoding.ASCII.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
        var match = CharsetPattern().Match(head);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    [GeneratedRegex(@"(?:charset|encoding)\s*=\s*[""']?([A-Za-z0-9_\-:.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex CharsetPattern();
}
