using Kabar.Model;

namespace Kabar.Segmentation;

/// <summary>One string per distinct token text on this thread, with its lower case, so the tokenizer does not cut a new string
/// (and lower-case a capitalised word twice) for every occurrence of a word: news text repeats the same few thousand words.</summary>
/// <remarks>Not thread-safe: each thread has its own (<see cref="Current"/>). Forgets everything when it grows too large, so a long
/// ingest over millions of distinct forms cannot exhaust memory.</remarks>
internal sealed class TokenStrings
{
    private const int MaxWords = 1 << 16;

    [ThreadStatic]
    private static TokenStrings? t_current;

    /// <summary>Text → its invariant lower case (the same instance when the text is lower case already).</summary>
    private readonly Dictionary<string, string> _lower = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private TokenStrings() => _bySpan = _lower.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The calling thread's strings.</summary>
    public static TokenStrings Current => t_current ??= new TokenStrings();

    /// <summary>The string of <paramref name="text"/>; the next <see cref="Token"/> made of it on this thread takes its lower case from here.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (_bySpan.TryGetValue(text, out var known, out var knownLower))
        {
            Token.UseLower(known, knownLower);
            return known;
        }
        var added = Add(text, out var lower);
        Token.UseLower(added, lower);
        return added;
    }

    private string Add(ReadOnlySpan<char> text, out string lower)
    {
        if (_lower.Count >= MaxWords)
        {
            _lower.Clear();
        }
        var added = text.ToString();
        lower = added.ToLowerInvariant();
        if (string.Equals(lower, added, StringComparison.Ordinal))
        {
            lower = added; // ToLowerInvariant copies any non-ASCII text, changed or not
        }
        else if (_bySpan.TryGetValue(lower, out var seen, out _))
        {
            lower = seen; // "The" shares the string of "the" when that came first
        }
        _lower[added] = lower;
        return added;
    }
}
