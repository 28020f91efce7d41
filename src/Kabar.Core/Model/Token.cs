namespace Kabar.Model;

/// <summary>What a token is made of.</summary>
public enum TokenKind : byte
{
    /// <summary>Letters, possibly with inner hyphens or apostrophes (<c>Nagorno-Karabakh</c>, <c>kelompok-kelompok</c>).</summary>
    Word,
    /// <summary>Digits with separators (<c>2.000</c>, <c>1,5</c>, <c>20/9/2023</c>, <c>14.00</c>).</summary>
    Number,
    /// <summary>Punctuation.</summary>
    Punctuation,
    /// <summary>Symbols such as <c>%</c>, <c>$</c>, <c>|</c>.</summary>
    Symbol,
    /// <summary>A web address or e-mail address.</summary>
    Address,
}

/// <summary>Grammatical voice that morphology reads off a verb form.</summary>
public enum Voice : byte
{
    /// <summary>Not a verb form, or unmarked.</summary>
    None,
    /// <summary>Active (<c>menyerang</c>, <c>attacked</c> as a finite verb).</summary>
    Active,
    /// <summary>Passive (<c>diserang</c>, <c>was attacked</c>).</summary>
    Passive,
    /// <summary>Intransitive or reciprocal (<c>bertemu</c>, <c>berdialog</c>).</summary>
    Intransitive,
    /// <summary>A noun derived from a verb (<c>serangan</c>, <c>penyerangan</c>).</summary>
    Nominal,
}

/// <summary>A token with its morphology.</summary>
/// <remarks>A token does not hold the index of its sentence: <see cref="Document.Sentences"/> says which tokens each sentence covers.
/// Segmentation then copies the tokenizer's list into the document in one block, where writing each token again with its sentence
/// was a tenth of the stage (docs/performance.md, fifteenth pass).</remarks>
public readonly record struct Token
{
    /// <summary>A token, with its lower case and that word's <see cref="LowerKey"/> worked out.</summary>
    /// <param name="start">First character in <see cref="Document.Text"/>.</param>
    /// <param name="end">One past the last character.</param>
    /// <param name="text">The token as written.</param>
    /// <param name="kind">Word, number, punctuation…</param>
    public Token(int start, int end, string text, TokenKind kind)
    {
        Start = start;
        End = end;
        Text = text;
        Kind = kind;
        Lower = LowerCase(text);
        LowerKey = Languages.WordFilter.KeyOf(Lower, out var hyphen);
        LowerHyphen = hyphen ? (byte)2 : (byte)1;
    }

    /// <summary>First character in <see cref="Document.Text"/>.</summary>
    public int Start { get; init; }

    /// <summary>One past the last character.</summary>
    public int End { get; init; }

    /// <summary>The token as written.</summary>
    public string Text { get; init; }

    /// <summary>Word, number, punctuation…</summary>
    public TokenKind Kind { get; init; }

    /// <summary>Lower-cased text (invariant culture).</summary>
    public string Lower
    {
        get;
        init
        {
            field = value;
            LowerKey = 0; // no longer the key of this word
            LowerHyphen = 0; // nor its hyphen
        }
    }

    /// <summary><see cref="string.ToLowerInvariant()"/>, with the text itself for a word of ASCII without capitals (most tokens) found
    /// by a plain loop: the runtime looks every character up in the Unicode case tables first (1.7 % of the pipeline's samples).</summary>
    internal static string LowerCase(string text)
    {
        foreach (var c in text)
        {
            if (c >= 128 || char.IsAsciiLetterUpper(c))
            {
                return text.ToLowerInvariant();
            }
        }
        return text;
    }

    /// <summary>The hash of <see cref="Lower"/> (<see cref="Languages.WordFilter.KeyOf(ReadOnlySpan{char})"/>), worked out when the token
    /// is made, or 0 when <see cref="Lower"/> was given afterwards: every phrase table asks its filter about the tokens it walks, and turns
    /// most of them away on this number alone, without reading the word (<see cref="Languages.WordFilter.MayContain(in Token)"/>); the
    /// tables behind the filters, the morphology memo and the event stage's keys find the word's slot by it too, so that a word is hashed
    /// once, not once per table.</summary>
    /// <remarks>The two enums of a token are bytes so that with this key, <see cref="LemmaKey"/> and <see cref="LowerHyphen"/> it takes
    /// 56 bytes (54 used).</remarks>
    internal uint LowerKey { get; init; }

    /// <summary>Whether <see cref="Lower"/> holds a hyphen: 0 not worked out, 1 no, 2 yes, read off the word in the loop that hashes it
    /// when the token is made (<see cref="Languages.WordHash.Of(ReadOnlySpan{char}, out bool)"/>): the time and quantity stages ask it of
    /// most tokens ("mid-October", "twenty-five"), and searching each word for a hyphen there was an out-of-line call per token and stage,
    /// about 1 % of the pipeline's samples.</summary>
    internal byte LowerHyphen { get; init; }

    /// <summary>Whether <see cref="Lower"/> holds a hyphen, by <see cref="LowerHyphen"/> when it was worked out.</summary>
    internal bool LowerHasHyphen => LowerHyphen == 0 ? Lower.Contains('-', StringComparison.Ordinal) : LowerHyphen == 2;

    /// <summary>Root (Indonesian) or lemma (English); the lower-cased text when morphology knows nothing better.</summary>
    public string Lemma
    {
        get => _lemma ?? Lower;
        init
        {
            _lemma = value;
            LemmaKey = 0; // no longer the key of this lemma
        }
    }

    /// <summary>The hash of <see cref="Lemma"/> (<see cref="Languages.WordFilter.KeyOf(ReadOnlySpan{char})"/>) when it differs from
    /// <see cref="Lower"/> and morphology gave it with the lemma, else 0: the memo works it out once per word form, and the event
    /// stage, which looks up the lemma of every word, then neither hashes nor reads a lemma its filter turns away (a tenth of
    /// <c>LookUpWords</c>). The token had room for it: without a sentence index it used 50 of its 56 bytes.</summary>
    internal uint LemmaKey { get; init; }

    /// <summary>Null while the lemma is the lower-cased text (most words): the text is lower-cased once, not once for each.</summary>
    private readonly string? _lemma;

    /// <summary>Derivational suffix kept by Indonesian morphology (<c>kan</c>, <c>i</c>, <c>an</c>), else empty.</summary>
    public string Suffix { get; init; } = "";

    /// <summary>Voice marked by the form.</summary>
    public Voice Voice { get; init; }

    /// <summary>True when the form carries the clitic <c>-nya</c> (or English possessive <c>'s</c> is the next token).</summary>
    public bool HasClitic { get; init; }

    /// <summary>True for a reduplicated form (<c>kelompok-kelompok</c>), which marks a plural.</summary>
    public bool IsReduplicated { get; init; }

    /// <summary>True for a passive participle with no auxiliary, describing the noun before it (<c>victims killed by</c>, <c>officials
    /// accused of</c>): its clause is that noun phrase, not the sentence around it.</summary>
    public bool IsReducedPassive { get; init; }

    /// <summary>Length in characters.</summary>
    public int Length => End - Start;

    /// <summary>First letter upper case, or an Arabic article before a capital (<c>al-Qaeda</c>, <c>el-Sisi</c>), which begins a name
    /// in lower case.</summary>
    public bool IsCapitalized => Text.Length > 0 && (char.IsUpper(Text[0])
        || (Text.Length > 3 && Text[2] == '-' && Text[0] is 'a' or 'e' && Text[1] == 'l' && char.IsUpper(Text[3])));

    /// <summary>Every letter upper case and at least two letters (<c>AS</c>, <c>PBB</c>, <c>NATO</c>).</summary>
    public bool IsAllCaps
    {
        get
        {
            var letters = 0;
            foreach (var c in Text)
            {
                if (char.IsLetter(c))
                {
                    if (!char.IsUpper(c))
                    {
                        return false;
                    }
                    letters++;
                }
            }
            return letters >= 2;
        }
    }

    /// <summary>A word token.</summary>
    public bool IsWord => Kind == TokenKind.Word;

    /// <summary>True when the token is the given punctuation or word, compared case-insensitively.</summary>
    public bool Is(string text) => string.Equals(Text, text, StringComparison.OrdinalIgnoreCase);
}
