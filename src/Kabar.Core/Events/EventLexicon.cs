using System.Collections.Frozen;
using System.Collections.Immutable;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Morphology;

namespace Kabar.Events;

/// <summary>One accepted word of a pattern element.</summary>
/// <param name="Key">Lemma or root; for exact words, the lower-cased surface form.</param>
/// <param name="Exact">True for <c>=word</c>: the surface form must match.</param>
/// <param name="Suffix">Indonesian derivational suffix the token must carry, or empty for any.</param>
public sealed record PatternWord(string Key, bool Exact, string Suffix);

/// <summary>One element of an event pattern.</summary>
/// <param name="Kind">Word or gap.</param>
/// <param name="Words">For words: the alternatives (<c>a|=b</c>).</param>
/// <param name="MaxGap">For gaps: how many tokens it may span.</param>
public sealed record PatternElement(PatternElementKind Kind, ImmutableArray<PatternWord> Words, int MaxGap)
{
    /// <summary>True when the token is one of the alternatives.</summary>
    public bool Accepts(Token token)
    {
        if (token.Kind != TokenKind.Word)
        {
            return false;
        }
        foreach (var word in Words)
        {
            if (word.Exact ? token.Lower == word.Key
                : (token.Lemma == word.Key || token.Lower == word.Key) && (word.Suffix.Length == 0 || token.Suffix == word.Suffix))
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Kinds of pattern elements.</summary>
public enum PatternElementKind
{
    /// <summary>Matches a token's lemma (and suffix, for Indonesian), or its exact form for <c>=word</c>.</summary>
    Word,
    /// <summary>A short gap without clause boundaries (<c>*</c>).</summary>
    Gap,
    /// <summary>A gap where the target actor sits (<c>+</c>); it may be empty.</summary>
    TargetGap,
    /// <summary>A gap that must hold the target actor (<c>++</c>): "wants + to" would also match "wants to", so "wants ++ to"
    /// matches only when someone is named between the words ("Obama wants Putin to attack").</summary>
    ActorSlot,
}

/// <summary>An event pattern: a sequence of elements mapped to a CAMEO code.</summary>
/// <param name="Text">The pattern as written.</param>
/// <param name="Code">CAMEO code.</param>
/// <param name="Elements">Compiled elements.</param>
/// <param name="Location">File and line, reported as the event's rule.</param>
public sealed record EventPattern(string Text, string Code, ImmutableArray<PatternElement> Elements, string Location)
{
    /// <summary>Code for the intended or conditional act, when the row gives one (its <c>intent</c> column).</summary>
    public string? IntentCode { get; init; }

    /// <summary>True for phrases whose grammatical subject undergoes the act (<c>received weapons from</c>, <c>fell to</c>):
    /// the row's <c>voice</c> column says <c>passive</c>, and source and target swap as for a passive verb.</summary>
    public bool PassiveMeaning { get; init; }

    /// <summary>True for acts that two parties do to each other (<c>held talks with</c>, <c>established diplomatic relations
    /// with</c>, <c>berunding</c>): the row's <c>voice</c> column says <c>reciprocal</c>, and an asserted event is coded in both
    /// directions.</summary>
    public bool Reciprocal { get; init; }

    /// <summary>True when the pattern asks for a derivational suffix somewhere: on a tie it beats the bare root.</summary>
    public bool HasSuffix { get; } = Elements.Any(e => e.Words.Any(w => w.Suffix.Length > 0));

    /// <summary>Number of word elements: longer patterns are more specific.</summary>
    public int WordCount { get; } = Elements.Count(e => e.Kind == PatternElementKind.Word);

    /// <summary>How an event names the pattern that fired: its file and line, then the pattern (made once, not per event).</summary>
    internal string Rule { get; } = $"{Location} {Text}";

    /// <summary>True when the pattern has a target slot.</summary>
    public bool HasTargetSlot { get; } = Elements.Any(e => e.Kind is PatternElementKind.TargetGap or PatternElementKind.ActorSlot);
}

/// <summary>Clause-structure and modality words of one language (<c>events/*.tsv</c> other than the patterns).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class EventLexicon
{
    /// <summary>Patterns indexed by the key of their first word.</summary>
    public required FrozenDictionary<string, ImmutableArray<EventPattern>> ByFirstKey { get; init; }

    /// <summary>All patterns.</summary>
    public required ImmutableArray<EventPattern> Patterns { get; init; }

    /// <summary>The pattern words numbered, for the trigger search (built by <see cref="Load"/> from <see cref="ByFirstKey"/>).</summary>
    internal PatternIndex Index { get; private init; } = PatternIndex.Empty;

    /// <summary>Modality markers with their scope: <c>before</c> (in the clause before the trigger) or <c>clause</c> (opens a clause);
    /// <c>KeepCode</c> when an intended act keeps its own code rather than the intent code (<c>scheduled to attend</c> is 044, not 036);
    /// <c>Demand</c> when an act a speaker says must be done is the speaker's demand (<c>said Iraq must cooperate</c> is 101).</summary>
    public required PhraseTable<(Modality Modality, string Scope, bool LowerOnly, bool KeepCode, bool Demand)> Modality { get; init; }

    /// <summary>Prepositions that introduce what a statement, accusation or threat is about (<c>of</c>, <c>over</c>,
    /// <c>tentang</c>): an act named after them is its topic, not an event (<c>events/topics.txt</c>).</summary>
    public required FrozenSet<string> TopicWords { get; init; }

    /// <summary>Prepositions that name the means of a passive act of violence (<c>in</c>, <c>dalam</c>): "killed in Israeli tank
    /// shelling" is one act, done by the shelling's doer (<c>events/means.txt</c>).</summary>
    public required FrozenSet<string> MeansWords { get; init; }

    /// <summary>Negators.</summary>
    public required PhraseTable<bool> Negation { get; init; }

    /// <summary>Attribution phrases: kind (<c>verb</c>, <c>prep</c>, <c>complement</c>) and where the source stands.</summary>
    public required PhraseTable<(string Kind, string Position)> Attribution { get; init; }

    /// <summary>Clause words (<c>oleh</c> → agent, <c>yang</c> → relative, <c>bahwa</c> → complement…).</summary>
    public required PhraseTable<string> Clauses { get; init; }

    /// <summary>Loads patterns and clause words; pattern words are analysed with the language's morphology.</summary>
    public static EventLexicon Load(DataSource data, string code, Func<string, IEnumerable<string>> tokenize, IMorphology morphology,
        IReadOnlyDictionary<string, CameoCode> cameo)
    {
        var patterns = ImmutableArray.CreateBuilder<EventPattern>();
        var keepSuffix = morphology is IndonesianMorphology;
        foreach (var file in data.List($"{code}/events").Where(f => f.EndsWith(".tsv", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file);
            if (name.Length < 3 || !char.IsDigit(name[0]) || !char.IsDigit(name[1]))
            {
                continue; // modality.tsv, clauses.tsv…
            }
            foreach (var row in DataFile.ReadTable(file, data.Read(file), "pattern", "cameo"))
            {
                var cameoCode = row["cameo"];
                if (!cameo.ContainsKey(cameoCode))
                {
                    throw new DataFileException($"{row.Location}: CAMEO code '{cameoCode}' is not in common/cameo.tsv");
                }
                var elements = Compile(row["pattern"], row.Location, tokenize, morphology, keepSuffix);
                var intent = row.Optional("intent");
                if (intent is not null && !cameo.ContainsKey(intent))
                {
                    throw new DataFileException($"{row.Location}: intent code '{intent}' is not in common/cameo.tsv");
                }
                patterns.Add(new EventPattern(row["pattern"], cameoCode, elements, row.Location)
                {
                    IntentCode = intent,
                    PassiveMeaning = row.Optional("voice") == "passive",
                    Reciprocal = row.Optional("voice") == "reciprocal",
                });
            }
        }
        var all = patterns.ToImmutable();
        var index = new Dictionary<string, List<EventPattern>>(StringComparer.Ordinal);
        foreach (var pattern in all)
        {
            foreach (var key in pattern.Elements[0].Words.Select(w => w.Key).Distinct(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }
                list.Add(pattern);
            }
        }
        string P(string file) => $"{code}/events/{file}";
        var byFirstKey = index.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal);
        return new EventLexicon
        {
            Patterns = all,
            ByFirstKey = byFirstKey,
            Index = PatternIndex.Build(all, byFirstKey),
            Modality = PhraseTable<(Modality, string, bool, bool, bool)>.Build(
                DataFile.ReadTable(P("modality.tsv"), data.Read(P("modality.tsv")), "phrase", "modality")
                    .Select(r => (r["phrase"], (ParseModality(r["modality"], r.Location), r.Optional("scope") ?? "before", r.Optional("case") == "lower",
                        ModalityCode(r.Optional("code"), r.Location) == "keep", r.Optional("code") == "demand"))),
                tokenize),
            Negation = PhraseTable<bool>.Build(
                DataFile.ReadList(P("negation.txt"), data.Read(P("negation.txt"))).Select(l => (l.Value, true)), tokenize),
            Attribution = PhraseTable<(string, string)>.Build(
                DataFile.ReadTable(P("attribution.tsv"), data.Read(P("attribution.tsv")), "phrase", "kind")
                    .Select(r => (r["phrase"], (r["kind"], r.Optional("source_position") ?? "before"))),
                tokenize),
            TopicWords = DataFile.ReadList(P("topics.txt"), data.Read(P("topics.txt"))).Select(l => l.Value.ToLowerInvariant())
                .ToFrozenSet(StringComparer.Ordinal),
            MeansWords = DataFile.ReadList(P("means.txt"), data.Read(P("means.txt"))).Select(l => l.Value.ToLowerInvariant())
                .ToFrozenSet(StringComparer.Ordinal),
            Clauses = PhraseTable<string>.Build(
                DataFile.ReadTable(P("clauses.tsv"), data.Read(P("clauses.tsv")), "word", "kind").Select(r => (r["word"], r["kind"])),
                tokenize),
        };
    }

    private static ImmutableArray<PatternElement> Compile(string pattern, string location, Func<string, IEnumerable<string>> tokenize,
        IMorphology morphology, bool keepSuffix)
    {
        var elements = ImmutableArray.CreateBuilder<PatternElement>();
        foreach (var part in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*")
            {
                elements.Add(new PatternElement(PatternElementKind.Gap, [], 4));
                continue;
            }
            if (part is "+" or "++")
            {
                elements.Add(new PatternElement(part == "+" ? PatternElementKind.TargetGap : PatternElementKind.ActorSlot, [], 6));
                continue;
            }
            var words = ImmutableArray.CreateBuilder<PatternWord>();
            foreach (var alternative in part.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var exact = alternative.StartsWith('=');
                var written = exact ? alternative[1..] : alternative;
                // A written word must be one token to the tokenizer ("U.S." is one, "don't" is two).
                var tokens = tokenize(written).ToList();
                if (tokens.Count != 1)
                {
                    throw new DataFileException($"{location}: '{written}' in pattern '{pattern}' is not a single word");
                }
                var lower = tokens[0].ToLowerInvariant();
                if (exact)
                {
                    words.Add(new PatternWord(lower, true, ""));
                    continue;
                }
                var analysis = morphology.Analyze(lower);
                words.Add(new PatternWord(analysis.Lemma, false, keepSuffix ? analysis.Suffix : ""));
            }
            elements.Add(new PatternElement(PatternElementKind.Word, words.ToImmutable(), 0));
        }
        if (elements.Count == 0 || elements[0].Kind != PatternElementKind.Word)
        {
            throw new DataFileException($"{location}: pattern '{pattern}' must start with a word");
        }
        if (elements[^1].Kind != PatternElementKind.Word)
        {
            throw new DataFileException($"{location}: pattern '{pattern}' must end with a word");
        }
        return elements.ToImmutable();
    }

    private static string? ModalityCode(string? value, string location) => value is null or "keep" or "demand" ? value
        : throw new DataFileException($"{location}: code '{value}' is not keep or demand");

    private static Modality ParseModality(string value, string location) => value switch
    {
        "intended" => Model.Modality.Intended,
        "conditional" => Model.Modality.Conditional,
        "hypothetical" => Model.Modality.Hypothetical,
        "asserted" => Model.Modality.Asserted,
        _ => throw new DataFileException($"{location}: modality '{value}' is not intended, conditional, hypothetical or asserted"),
    };
}

/// <summary>The keys of all pattern words numbered, so that the trigger search looks each word of a sentence up once (its lemma and
/// its form) and from then on works with numbers: which patterns a word starts, and whether each later word element of a pattern
/// accepts some word of the sentence. That test is exact (a key is in the sentence or not), so it rules out every pattern the
/// 256-bit Bloom mask it replaces ruled out, and the ones the mask let through by a shared bit; a pattern it rules out could not
/// match (<see cref="PatternElement.Accepts"/> compares a key with a word's lemma or form and nothing else).</summary>
/// <remarks>Immutable after <see cref="Build"/>, and thread-safe.</remarks>
internal sealed class PatternIndex
{
    /// <summary>No patterns.</summary>
    public static readonly PatternIndex Empty = new(new KeyTable(new Dictionary<string, int>()), new WordFilter([]), [], [], 0);

    /// <summary>The number of every key of every word element of every pattern (0 to <see cref="Count"/> − 1).</summary>
    private readonly KeyTable _table;

    /// <summary>The keys, as a filter that turns most words of a sentence away by their token's key, before the word is hashed.</summary>
    private readonly WordFilter _filter;

    /// <summary>How many keys start a pattern: they have the lowest numbers.</summary>
    private readonly int _firstKeyCount;

    private PatternIndex(KeyTable table, WordFilter filter, ImmutableArray<EventPattern>[] byFirstId, int[][][] laterWords, int firstKeyCount)
    {
        _firstKeyCount = firstKeyCount;
        _table = table;
        _filter = filter;
        ByFirstId = byFirstId;
        LaterWords = laterWords;
    }

    /// <summary>How many keys there are.</summary>
    public int Count => ByFirstId.Length;

    /// <summary>The patterns a key starts, by key number, in the order of <see cref="EventLexicon.ByFirstKey"/>; empty (default) for a
    /// key that only occurs later in patterns.</summary>
    public ImmutableArray<EventPattern>[] ByFirstId { get; }

    /// <summary>Beside each pattern of <see cref="ByFirstId"/>: its word elements after the first, each as its count of keys followed
    /// by their numbers (<c>[2, a, b, 1, c]</c> for <c>x a|b * c</c>), flat so that the test reads one small array.</summary>
    public int[][][] LaterWords { get; }

    /// <summary>True when the key numbered <paramref name="id"/> starts some pattern; false for −1 (no key).</summary>
    /// <remarks>A comparison, where reading <see cref="ByFirstId"/> for each word of a sentence was a cache miss in an array of a
    /// reference per key.</remarks>
    public bool StartsPattern(int id) => (uint)id < (uint)_firstKeyCount;

    /// <summary>The number of a key, or −1 when no pattern has it.</summary>
    public int IdOf(string word) => _table.IdOf(word);

    /// <summary>The number of the token's lemma as a key, or −1: by the lemma's key, through the filter, as <see cref="IdOfLower"/> does
    /// by the word's, so that most lemmas are neither hashed nor read.</summary>
    public int IdOfLemma(in Token token) =>
        _filter.MayContainLemma(in token) ? _table.IdOf(WordHash.OfLemma(in token), token.Lemma) : -1;

    /// <summary>The number of the token's lower-cased text as a key, or −1.</summary>
    public int IdOfLower(in Token token) => _filter.MayContain(in token) ? _table.IdOf(WordHash.OfLower(in token), token.Lower) : -1;

    /// <summary>Numbers the keys and lists each first key's patterns in <paramref name="byFirstKey"/>'s order.</summary>
    public static PatternIndex Build(ImmutableArray<EventPattern> patterns, FrozenDictionary<string, ImmutableArray<EventPattern>> byFirstKey)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        // The keys that start patterns first (StartsPattern).
        foreach (var key in byFirstKey.Keys)
        {
            ids.Add(key, ids.Count);
        }
        var firstKeyCount = ids.Count;
        foreach (var pattern in patterns)
        {
            foreach (var element in pattern.Elements)
            {
                foreach (var word in element.Words.IsDefault ? [] : element.Words)
                {
                    ids.TryAdd(word.Key, ids.Count);
                }
            }
        }
        var byFirstId = new ImmutableArray<EventPattern>[ids.Count];
        var laterWords = new int[ids.Count][][];
        foreach (var (key, list) in byFirstKey)
        {
            var id = ids[key];
            byFirstId[id] = list;
            laterWords[id] = [.. list.Select(p => LaterWordsOf(p, ids))];
        }
        return new PatternIndex(new KeyTable(ids), new WordFilter(ids.Keys), byFirstId, laterWords, firstKeyCount);
    }

    private static int[] LaterWordsOf(EventPattern pattern, Dictionary<string, int> ids)
    {
        var flat = new List<int>();
        foreach (var element in pattern.Elements.Skip(1))
        {
            if (element.Kind == PatternElementKind.Word)
            {
                flat.Add(element.Words.Length);
                flat.AddRange(element.Words.Select(w => ids[w.Key]));
            }
        }
        return [.. flat];
    }
}

/// <summary>The numbered keys of a <see cref="PatternIndex"/> in a compact open-addressing table: every word of every sentence is looked up
/// here, and between two documents the other stages push the table out of the cache, so what counts is how many cache lines a look-up
/// touches. A slot is 4 bytes (16 bits of the hash and the key's number), the table at most half full, and the keys' characters lie
/// in one array: a word that is no key usually costs one line, a key two (a frozen dictionary touched up to five: buckets, hash
/// codes, key array, key string, values).</summary>
internal sealed class KeyTable
{
    private readonly uint[] _slots; // 0: empty; else the hash's upper 16 bits, then the key's number + 1
    private readonly int _mask;
    private readonly char[] _chars; // the keys' characters, by number
    private readonly int[] _starts; // key n is _chars[_starts[n].._starts[n + 1]]

    /// <summary>Lays out <paramref name="ids"/> (numbers 0 to count − 1, fewer than 65,535).</summary>
    public KeyTable(IReadOnlyDictionary<string, int> ids)
    {
        if (ids.Count >= ushort.MaxValue)
        {
            throw new ArgumentException($"{ids.Count} pattern keys: the table numbers at most 65,534", nameof(ids));
        }
        var size = WordHash.TableSize(ids.Count);
        _slots = new uint[size];
        _mask = size - 1;
        var keys = new string[ids.Count];
        foreach (var (key, id) in ids)
        {
            keys[id] = key;
        }
        _starts = new int[keys.Length + 1];
        for (var id = 0; id < keys.Length; id++)
        {
            _starts[id + 1] = _starts[id] + keys[id].Length;
        }
        _chars = new char[_starts[^1]];
        for (var id = 0; id < keys.Length; id++)
        {
            keys[id].CopyTo(_chars.AsSpan(_starts[id]));
            var hash = WordHash.Of(keys[id]);
            var i = (int)hash & _mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & _mask;
            }
            _slots[i] = (hash & 0xFFFF0000u) | (uint)(id + 1);
        }
    }

    /// <summary>The key's number, or −1.</summary>
    public int IdOf(string word) => IdOf(WordHash.Of(word), word);

    /// <summary>As <see cref="IdOf(string)"/>, with the word's hash already worked out (a token's, <see cref="WordHash.OfLower"/>).</summary>
    public int IdOf(uint hash, string word)
    {
        var tag = hash & 0xFFFF0000u;
        for (var i = (int)hash & _mask; ; i = (i + 1) & _mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                return -1;
            }
            if ((slot & 0xFFFF0000u) == tag)
            {
                var id = (int)(slot & 0xFFFF) - 1;
                if (word.AsSpan().SequenceEqual(_chars.AsSpan(_starts[id], _starts[id + 1] - _starts[id])))
                {
                    return id;
                }
            }
        }
    }
}
