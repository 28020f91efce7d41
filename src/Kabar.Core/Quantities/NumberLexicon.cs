using System.Collections.Frozen;
using System.Globalization;
using Kabar.Languages;
using Kabar.Model;

namespace Kabar.Quantities;

/// <summary>How a number word contributes to a value.</summary>
public enum NumberWordKind
{
    /// <summary>A plain number (<c>dua</c>, <c>seratus</c>, <c>twenty</c>).</summary>
    Number,
    /// <summary>Multiplies what came before (<c>puluh</c>, <c>ribu</c>, <c>juta</c>, <c>million</c>).</summary>
    Multiplier,
    /// <summary>Adds ten to the unit before it (<c>dua belas</c> = 12).</summary>
    Teen,
    /// <summary>A vague amount with its lower bound (<c>puluhan</c> = 10, <c>dozens</c> = 12).</summary>
    Vague,
    /// <summary>A fraction (<c>setengah</c>).</summary>
    Fraction,
    /// <summary>An article that means one before a multiplier (<c>a</c> dozen, <c>a</c> hundred).</summary>
    Article,
    /// <summary>A word that may join parts of one number (<c>one hundred and twenty</c>).</summary>
    Joiner,
}

/// <summary>Reads numbers written with digits (with the language's separators) or with words.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class NumberLexicon
{
    private readonly FrozenDictionary<string, (double Value, NumberWordKind Kind)> _words;

    /// <summary>The number words as a filter: nearly every word token is looked up, and few are number words.</summary>
    private readonly WordFilter _filter;

    /// <summary>True when every number word has a first letter, so a word whose first letter starts none is no number, hyphenated or not.</summary>
    private readonly bool _byFirstLetter;
    private readonly char _decimal;
    private readonly char _group;

    /// <summary>Creates the lexicon.</summary>
    public NumberLexicon(IEnumerable<(string Word, double Value, NumberWordKind Kind)> words, char decimalSeparator, char groupSeparator)
    {
        _words = words.GroupBy(w => w.Word.ToLowerInvariant(), StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (g.First().Value, g.First().Kind), StringComparer.Ordinal);
        _filter = new WordFilter(_words.Keys);
        _byFirstLetter = !_words.ContainsKey("");
        _decimal = decimalSeparator;
        _group = groupSeparator;
    }

    /// <summary>The number words a number can begin with (lower case): not a multiplier, a teen or a joiner (<c>hundred</c>,
    /// <c>belas</c>, <c>and</c>), which <see cref="TryRead"/> takes only after another number word. The stages' lead-word gates
    /// are built from these: "and" alone passed the time stage's gate about 60,000 times in a quick bench, and started
    /// nothing.</summary>
    internal IEnumerable<string> StartWords => _words.Where(w => w.Value.Kind is not (NumberWordKind.Multiplier or NumberWordKind.Teen
        or NumberWordKind.Joiner)).Select(w => w.Key);

    /// <summary>The language's decimal separator.</summary>
    public char DecimalSeparator => _decimal;

    /// <summary>Looks up one number word.</summary>
    public bool TryGetWord(string lower, out double value, out NumberWordKind kind)
    {
        if (_words.TryGetValue(lower, out var entry))
        {
            (value, kind) = entry;
            return true;
        }
        value = 0;
        kind = default;
        return false;
    }

    /// <summary>Parses a digit token such as <c>2.000</c>, <c>1,5</c> (Indonesian) or <c>2,000</c>, <c>1.5</c> (English).</summary>
    /// <remarks>A separator followed by groups of exactly three digits is a thousands separator; otherwise it is
    /// read as the decimal separator, so <c>2.5</c> in an Indonesian text is still two and a half.</remarks>
    public bool TryParseDigits(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || !char.IsDigit(text[0]))
        {
            return false;
        }
        // Digits alone ("20", "2023"), most figures: read here, as double.TryParse would read them (an integer below 10^18 is exact
        // in 64 bits, and its conversion rounds as the parse does), without the separator checks and the parse.
        ulong digits = 0;
        var plain = text.Length <= 18;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits = digits * 10 + (uint)(c - '0');
            }
            else if (!char.IsDigit(c) && c != '.' && c != ',')
            {
                return false;
            }
            else
            {
                plain = false;
            }
        }
        if (plain)
        {
            value = digits;
            return true;
        }
        var normalized = Normalise(text);
        return normalized is not null && double.TryParse(normalized, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private string? Normalise(string text)
    {
        var hasGroup = text.Contains(_group, StringComparison.Ordinal);
        var hasDecimal = text.Contains(_decimal, StringComparison.Ordinal);
        if (hasGroup && IsGrouped(text, _group, hasDecimal ? text.IndexOf(_decimal, StringComparison.Ordinal) : text.Length))
        {
            text = text.Replace(_group.ToString(), "", StringComparison.Ordinal);
        }
        else if (hasGroup && !hasDecimal)
        {
            // "2.5" in Indonesian text or "1,5" in English: the writer used the other convention.
            return text.AsSpan().Count(_group) == 1 ? text.Replace(_group, '.') : null;
        }
        else if (hasGroup)
        {
            return null;
        }
        if (text.AsSpan().Count(_decimal) > 1)
        {
            return IsGrouped(text, _decimal, text.Length) ? text.Replace(_decimal.ToString(), "", StringComparison.Ordinal) : null;
        }
        return text.Replace(_decimal, '.');
    }

    private static bool IsGrouped(string text, char separator, int end)
    {
        var parts = text[..end].Split(separator);
        if (parts[0].Length is 0 or > 3)
        {
            return false;
        }
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length != 3)
            {
                return false;
            }
        }
        return parts.Length > 1;
    }

    /// <summary>A figure, with a multiplier written against it: <c>2.000</c>, <c>2bn</c>, <c>3,5jt</c>.</summary>
    private bool TryParseFigure(string text, out double value)
    {
        if (TryParseDigits(text, out value))
        {
            return true;
        }
        var split = 0;
        while (split < text.Length && (char.IsDigit(text[split]) || text[split] is '.' or ','))
        {
            split++;
        }
        if (split == 0 || split == text.Length || !TryParseDigits(text[..split], out var figure)
            || !_words.TryGetValue(text[split..].ToLowerInvariant(), out var suffix) || suffix.Kind != NumberWordKind.Multiplier)
        {
            return false;
        }
        value = figure * suffix.Value;
        return true;
    }

    /// <summary>
    /// Reads a number at <paramref name="start"/>: digits, number words or both (<c>1,5 juta</c>, <c>dua puluh lima</c>,
    /// <c>twenty-five</c>, <c>a dozen</c>). Returns how many tokens it used, and whether it was vague.
    /// </summary>
    public bool TryRead(ReadOnlySpan<Token> tokens, int start, out double value, out int length, out bool vague)
    {
        value = 0;
        length = 0;
        var acc = new Accumulator();
        var i = start;
        for (; i < tokens.Length; i++)
        {
            ref readonly var token = ref tokens[i];
            if (token.Kind == TokenKind.Number || (token.Kind == TokenKind.Word && char.IsDigit(token.Text[0])))
            {
                if (acc.Any || !TryParseFigure(token.Text, out var digits))
                {
                    break;
                }
                acc.Pending = digits;
                acc.Any = true;
                continue;
            }
            var next = i + 1 < tokens.Length ? tokens[i + 1].Lower : null;
            if (acc.Vague)
            {
                // "puluhan ribu", "tens of thousands", "hundreds of thousands": a vague count of a larger unit.
                var at = i;
                if (token.Lower == "of" && next is not null)
                {
                    at = i + 1;
                }
                if (_words.TryGetValue(tokens[at].Lower, out var unit) && unit.Kind is NumberWordKind.Multiplier or NumberWordKind.Vague && unit.Value > acc.Pending)
                {
                    acc.Pending *= unit.Value;
                    i = at;
                    continue;
                }
                break;
            }
            if (token.Kind != TokenKind.Word || !TryReadWord(token.Lower, next, ref acc))
            {
                break;
            }
        }
        vague = acc.Vague;
        if (!acc.Any)
        {
            return false;
        }
        value = acc.Total + acc.Current + acc.Pending;
        length = i - start;
        return value > 0 || tokens[start].Text == "0";
    }

    /// <summary>Running state of a number being read: thousands groups, the hundreds part, and the last unit.</summary>
    private struct Accumulator
    {
        public double Total;
        public double Current;
        public double Pending;
        public bool Any;
        public bool Vague;
    }

    private bool TryReadWord(string lower, string? nextLower, ref Accumulator acc)
    {
        if (_byFirstLetter && lower.Length > 0 && !_filter.MayStartWith(lower[0]))
        {
            // Nearly every word: no need to search it for a hyphen (the first part of "twenty-five" is a number word too).
            return false;
        }
        if (lower.Contains('-', StringComparison.Ordinal))
        {
            // twenty-five: every part must be a number word.
            var copy = acc;
            foreach (var part in lower.Split('-'))
            {
                if (!TryReadWord(part, null, ref copy))
                {
                    return false;
                }
            }
            acc = copy;
            return true;
        }
        if (!_filter.MayContain(lower) || !_words.TryGetValue(lower, out var entry))
        {
            return false;
        }
        switch (entry.Kind)
        {
            case NumberWordKind.Number:
                if (acc.Any && acc.Pending > 0 && acc.Pending < 10 && entry.Value < 10)
                {
                    return false; // "dua tiga" is two numbers, not one
                }
                acc.Current += acc.Pending;
                acc.Pending = entry.Value;
                acc.Any = true;
                return true;
            case NumberWordKind.Teen:
                if (!acc.Any || acc.Pending >= 10)
                {
                    return false;
                }
                acc.Pending += entry.Value;
                return true;
            case NumberWordKind.Multiplier:
                if (!acc.Any)
                {
                    return false;
                }
                if (entry.Value >= 1000)
                {
                    var group = acc.Current + acc.Pending;
                    acc.Total += (group == 0 ? 1 : group) * entry.Value;
                    acc.Current = 0;
                    acc.Pending = 0;
                }
                else
                {
                    acc.Pending = (acc.Pending == 0 ? 1 : acc.Pending) * entry.Value;
                }
                return true;
            case NumberWordKind.Vague:
                if (acc.Any)
                {
                    // "a dozen": an article before a vague word makes it exact.
                    acc.Pending = (acc.Pending == 0 ? 1 : acc.Pending) * entry.Value;
                    return true;
                }
                acc.Pending = entry.Value;
                acc.Any = true;
                acc.Vague = true;
                return true;
            case NumberWordKind.Fraction:
                acc.Pending += entry.Value;
                acc.Any = true;
                return true;
            case NumberWordKind.Joiner:
                // Only inside a number, between a multiplier and what follows: "one hundred and twenty".
                return acc.Any && acc.Pending >= 100 && nextLower is not null && _words.TryGetValue(nextLower, out var joined)
                    && joined.Kind is NumberWordKind.Number;
            case NumberWordKind.Article:
                if (acc.Any && acc.Pending is > 0 and < 1 && nextLower is not null && _words.TryGetValue(nextLower, out var afterFraction)
                    && afterFraction.Kind == NumberWordKind.Multiplier)
                {
                    return true; // "half a million"
                }
                if (acc.Any || nextLower is null || !_words.TryGetValue(nextLower, out var following)
                    || following.Kind is not (NumberWordKind.Multiplier or NumberWordKind.Vague))
                {
                    return false;
                }
                acc.Pending = 1;
                acc.Any = true;
                return true;
            default:
                return false;
        }
    }
}
