using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Kabar.Actors;
using Kabar.Geo;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Entities;

/// <summary>The per-language knowledge the entity recogniser reads.</summary>
/// <param name="Actors">Names, roles, titles, organisation heads, cues.</param>
/// <param name="CommonWords">Lower-case words that are ordinary vocabulary (roots, function words): a capitalised one at the
/// start of a sentence is not a name.</param>
/// <param name="PlaceHeads">Words that head facility and place names (<c>Gedung</c>, <c>Jalan</c>, <c>Airport</c>).</param>
/// <param name="MiscHeads">Words that head names of laws, awards, events and programmes, which are not entities (<c>UU</c>, <c>Piala</c>, <c>Award</c>).</param>
/// <param name="PlaceModifiers">Words after a place that belong to it (<c>Pusat</c>, <c>Selatan</c>), with whether lower case counts.</param>
/// <param name="LowercaseHeads">Heads that start a name even in lower case (<c>partai NasDem</c>, <c>pulau Bangka</c>).</param>
public sealed record EntityResources(ActorLexicon Actors, WordSet CommonWords, PhraseTable<string> PlaceHeads, PhraseTable<string> MiscHeads,
    PhraseTable<bool> PlaceModifiers, FrozenSet<string> LowercaseHeads)
{
    /// <summary>True when the language writes a nationality as a country name after the noun (<c>militer Israel</c>).</summary>
    public bool NationalityAfterNoun { get; init; }

    /// <summary>Nouns a neighbouring role word only describes (<c>pos polisi</c>, <c>army checkpoint</c>).</summary>
    public PhraseTable<bool> ModifiedNouns { get; init; } = PhraseTable<bool>.Build([], _ => []);

    /// <summary>Words that make an office a past one (<c>mantan</c>, <c>former</c>).</summary>
    public WordSet FormerWords { get; init; } = new([]);

    /// <summary>Endings of hyphenated compounds that make the country before them the one in charge (<c>US-led</c>,
    /// <c>Saudi-led</c>): pack.tsv <c>leader_suffixes</c>.</summary>
    public FrozenSet<string> LeaderSuffixes { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Words that make a nationality an ethnic group (<c>ethnic</c>, <c>etnis</c>): "ethnic Albanians in Macedonia" are
    /// coded with the country they live in, as CAMEO codes minorities, not with the state their name comes from
    /// (pack.tsv <c>ethnic_words</c>).</summary>
    public WordSet EthnicWords { get; init; } = new([]);

    /// <summary>Prepositions that name a role's country after it (<c>the president of Armenia</c>): pack.tsv
    /// <c>owner_prepositions</c>.</summary>
    public FrozenSet<string> OwnerPrepositions { get; init; } = FrozenSet<string>.Empty;

    /// <summary>Words after which a role noun describes someone already named (<c>sebagai</c>, <c>as</c>).</summary>
    public WordSet Predicates { get; init; } = new([]);

    /// <summary>Common nouns before an unknown name that make it an organisation (<c>perusahaan</c>, <c>maskapai</c>, <c>carrier</c>).</summary>
    public PhraseTable<bool> OrgCues { get; init; } = PhraseTable<bool>.Build([], _ => []);

    /// <summary>Function words (the language-identification list): prepositions, conjunctions, pronouns, auxiliaries.</summary>
    public WordSet FunctionWords { get; init; } = new([]);

    /// <summary>Internal bodies named after their organisation (<c>Fraksi</c>, <c>Dewan Pimpinan Pusat</c>): tagged as the parent only.</summary>
    public PhraseTable<bool> SubunitHeads { get; init; } = PhraseTable<bool>.Build([], _ => []);

    /// <summary>Given names (pack.tsv <c>given_names</c>, a registry word list): a capitalised common word that is also a given name
    /// may start a person's name (<c>Agung Laksono</c>, <c>Sudi Silalahi</c>).</summary>
    public WordSet GivenNames { get; init; } = new([]);

    /// <summary>The language's most frequent words (pack.tsv <c>frequent_words</c>), less given names: a capitalised run of them with
    /// no other evidence is an ordinary phrase, not a person (<c>Makanya</c>, <c>Rumor</c>).</summary>
    public WordSet FrequentWords { get; init; } = new([]);

    /// <summary>Locative prepositions and place nouns: what puts a name in a place's role.</summary>
    public Locatives Locatives { get; init; } = Locatives.Empty;
}

/// <summary>
/// Finds named entities (PERSON, ORG, GPE, LOC, NORP) and nominal actor mentions (<c>unit militer Azerbaijan</c>,
/// <c>Russian peacekeepers</c>) and codes them as CAMEO actors, by layered evidence: dictionaries of countries,
/// capitals, demonyms, organisations, people and places; titles (<c>Presiden Azerbaijan Ilham Aliyev</c>) and
/// appositions (<c>Hikmet Hajiyev, ajudan Presiden Azerbaijan</c>); organisation and facility heads
/// (<c>Kementerian</c>, <c>Ministry</c>, <c>Gedung</c>); the world gazetteer; and capitalisation with context cues for
/// names no list knows. Coreference (<see cref="Coreference"/>) then links surnames and pronouns to earlier mentions.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class EntityRecognizer(IReadOnlyDictionary<string, EntityResources> languages, CommonData common, Gazetteer gazetteer) : IStage
{
    /// <summary>Marks the rule of a country name used as a nationality modifier (<c>militer Israel</c>).</summary>
    internal const string NationalitySuffix = "+nationality";

    /// <summary>Population above which a gazetteer name is taken as a place without any other cue.</summary>
    private const int ProminentPopulation = 100_000;

    /// <summary>Made once: a method group passed to <see cref="Actor.FromCode"/> is a new delegate at every call.</summary>
    private readonly Func<string, bool> _isCountry = common.IsCountry;

    /// <summary>The actor of each dictionary entry, made once: a country or demonym is met in nearly every article, and its actor (an
    /// immutable record) was built anew for each mention. Keyed by reference, so an entry copied with another code gets its own.</summary>
    private readonly ConditionalWeakTable<NameEntry, Actor> _entryActors = new();

    /// <inheritdoc />
    public string Name => "entities";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["tokens", "entities:DATE", "entities:QUANTITY"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["entities:PERSON", "entities:ORG", "entities:GPE", "entities:LOC", "entities:NORP"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!languages.TryGetValue(document.Language, out var resources))
        {
            return document;
        }
        // The entities already found (dates, amounts), then each sentence's names, in one list sorted in place and handed to coreference:
        // an immutable array for each step copied them three times more.
        var found = new List<Entity>(document.Entities.Length + (4 * document.Sentences.Length));
        found.AddRange(document.Entities);
        var recognizer = new SentenceRecognizer(document, resources, _isCountry, common.Countries, gazetteer, _entryActors);
        try
        {
            foreach (var sentence in document.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                recognizer.Run(sentence, found);
            }
        }
        finally
        {
            recognizer.Return();
        }
        SortAsImmutableArrayDoes(found, TextOrder);
        return document with { Entities = Coreference.Resolve(document, found, resources.Actors) };
    }

    /// <summary>Entities by their start, the longer first where two start together.</summary>
    private static readonly Comparison<Entity> TextOrder = static (a, b) =>
        a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length);

    /// <summary>Sorts as <see cref="ImmutableArray{T}.Sort(Comparison{T})"/> did here before: a list already in order is left as it is,
    /// any other gets the same introspective sort, so entities that tie (the same span) come out in the order they did.</summary>
    private static void SortAsImmutableArrayDoes(List<Entity> entities, Comparison<Entity> comparison)
    {
        for (var i = 1; i < entities.Count; i++)
        {
            if (comparison(entities[i - 1], entities[i]) > 0)
            {
                entities.Sort(comparison);
                return;
            }
        }
    }

    /// <summary>Strength of the evidence behind a candidate; on overlap the longer span wins, then the stronger evidence.</summary>
    private enum Evidence
    {
        Default = 1,
        Acronym = 2,
        Gazetteer = 3,
        Cue = 4,
        Honorific = 5,
        Head = 6,
        Title = 7,
        Dictionary = 8,
    }

    private sealed record Candidate(int Start, int End, EntityType Type, Evidence Evidence, string Rule)
    {
        public Actor? Actor { get; init; }

        public NameEntry? Entry { get; init; }

        /// <summary>Where the name is, when known before geocoding ("Nigeria utara" is in Nigeria).</summary>
        public Place? Place { get; init; }

        public int Length => End - Start;
    }

    /// <summary>What the recogniser has worked out about one token of the sentence it is on.</summary>
    private struct TokenFacts
    {
        /// <summary>Can be part of a name: a capitalised word outside dates and amounts, not a listed non-name or honorific.</summary>
        public bool NameToken;

        /// <summary>0 not asked yet, 1 an ordinary word of the language, 2 not.</summary>
        public sbyte CommonWord;

        /// <summary>−1 not asked yet, 0 no title starts here, else the title's length in tokens.</summary>
        public short TitleLength;

        /// <summary>The title starting here, when <see cref="TitleLength"/> is above 0.</summary>
        public TitleEntry? Title;
    }

    /// <summary>Works on one sentence at a time (one instance per document, its lists reused from sentence to sentence); positions are
    /// token indexes within the sentence.</summary>
    private sealed class SentenceRecognizer
    {
        private readonly Document _document;
        private Sentence _sentence = null!;
        // The sentence's place in the document's tokens, copied out of it: read for every span of the sentence's tokens and facts.
        private int _firstToken;
        private int _tokenCount;
        private readonly Token[] _allTokens;
        private readonly EntityResources _resources;
        private readonly ActorLexicon _lexicon;
        private readonly Func<string, bool> _isCountry;
        private readonly IReadOnlyDictionary<string, CountryInfo> _countries;
        private readonly Gazetteer _gazetteer;
        /// <summary>Tokens of the document inside a date, time or amount of money.</summary>
        private readonly bool[] _blockedAll;

        /// <summary>Per token of the document, filled sentence by sentence (<see cref="Begin"/>): the searches each walk the sentence
        /// again and asked the same tables about the same tokens up to a dozen times. Rented for the document (a fresh array was
        /// 6 KB more allocation per article).</summary>
        private readonly TokenFacts[] _facts;

        private readonly List<Candidate> _dictionary = [];

        // A sentence's candidates at each step of Run, and the buffers its steps work in: kept from sentence to sentence of the
        // document rather than made for each (lists, arrays and sort buffers were a fifth of the stage's allocation).
        private readonly List<Candidate> _strong = [];
        private readonly List<Candidate> _resolved = [];
        private readonly List<Candidate> _names = [];
        private readonly List<Candidate> _nominals = [];
        private (Candidate Candidate, int Position)[] _order = [];
        private bool[] _covered = [];

        /// <summary>Token ranges that a title and its affiliation took up ("Menteri Kelautan dan Perikanan"): not names themselves.</summary>
        private readonly List<(int Start, int End)> _consumed = [];

        /// <summary>Offices named with their country but no holder ("duta besar China"), reported as nominal actors.</summary>
        private readonly List<Candidate> _offices = [];

        /// <summary>Places found so far among the leftover runs, so a list "A, B, C" chains from one known place.</summary>
        private readonly List<Candidate> _placeHints = [];

        private readonly ConditionalWeakTable<NameEntry, Actor> _entryActors;

        public SentenceRecognizer(Document document, EntityResources resources, Func<string, bool> isCountry,
            IReadOnlyDictionary<string, CountryInfo> countries, Gazetteer gazetteer, ConditionalWeakTable<NameEntry, Actor> entryActors)
        {
            _entryActors = entryActors;
            _document = document;
            _allTokens = ImmutableCollectionsMarshal.AsArray(document.Tokens)!;
            _resources = resources;
            _lexicon = resources.Actors;
            _isCountry = isCountry;
            _countries = countries;
            _gazetteer = gazetteer;
            _blockedAll = new bool[_allTokens.Length];
            foreach (var entity in document.Entities)
            {
                // Dates, times and money are not names ("Senin", "Juni", "Rp"); counted nouns stay readable for role phrases.
                if (entity.Type is not (EntityType.DATE or EntityType.TIME) && !(entity.Type == EntityType.QUANTITY && entity.Quantity?.Unit is not null))
                {
                    continue;
                }
                var sentence = document.Sentences[entity.Sentence];
                for (var i = sentence.FirstToken; i < sentence.FirstToken + sentence.TokenCount; i++)
                {
                    _blockedAll[i] |= _allTokens[i].Start < entity.End && entity.Start < _allTokens[i].End;
                }
            }
            _facts = ArrayPool<TokenFacts>.Shared.Rent(_allTokens.Length);
        }

        /// <summary>Gives the per-token facts back to the pool once the document is done.</summary>
        public void Return() => ArrayPool<TokenFacts>.Shared.Return(_facts, clearArray: true);

        /// <summary>The sentence's tokens: a view on the document's token array, not a copy per sentence.</summary>
        /// <remarks>Asked for at nearly every step (each index, each length); the profile showed the getter as a call of its own in
        /// the larger search methods.</remarks>
        private ReadOnlySpan<Token> _tokens
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => new(_allTokens, _firstToken, _tokenCount);
        }

        /// <summary>The sentence's tokens inside a date, time or amount of money.</summary>
        private ReadOnlySpan<bool> _blocked
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => new(_blockedAll, _firstToken, _tokenCount);
        }

        /// <summary>The facts of the sentence's tokens, a view on <see cref="_facts"/> as <see cref="_tokens"/> is on the tokens.</summary>
        private Span<TokenFacts> _sentenceFacts
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => new(_facts, _firstToken, _tokenCount);
        }

        /// <summary>Starts on a sentence: clears what the previous one found and works out which of its tokens may be part of a name.</summary>
        private void Begin(Sentence sentence)
        {
            _sentence = sentence;
            _firstToken = sentence.FirstToken;
            _tokenCount = sentence.TokenCount;
            _dictionary.Clear();
            _consumed.Clear();
            _offices.Clear();
            _placeHints.Clear();
            var tokens = _tokens;
            var blocked = _blocked;
            var facts = _sentenceFacts;
            for (var i = 0; i < facts.Length; i++)
            {
                facts[i] = new TokenFacts { NameToken = !blocked[i] && CanBeName(tokens[i]), TitleLength = -1 };
            }
        }

        /// <summary>Finds the sentence's names and nominal actors and adds them to <paramref name="into"/>.</summary>
        public void Run(Sentence sentence, List<Entity> into)
        {
            Begin(sentence);
            FindDictionaryNames();
            var strong = _strong;
            strong.Clear();
            strong.AddRange(_dictionary);
            FindTitledPersons(strong);
            FindHeadedNames(strong);
            FindHonorificPersons(strong);
            var names = ResolveOverlaps(strong, _resolved);
            ClassifyLeftoverRuns(names);
            names = ResolveOverlaps(names, _names);
            ExtendPlaces(names);
            MarkNationalityModifiers(names);
            CodeAppositions(names);
            var nominals = _nominals;
            nominals.Clear();
            FindNominalActors(names, nominals);
            // An office found by its title wins over a role phrase over the same words ("duta besar China" vs "China").
            if (_offices.Count > 0)
            {
                nominals.RemoveAll(n => _offices.Any(o => o.Start <= n.Start && n.End <= o.End));
                nominals.AddRange(_offices.Where(o => !nominals.Any(n => n.Start <= o.Start && o.End <= n.End)));
            }
            RecodeEthnicGroups(names, names);
            RecodeEthnicGroups(nominals, names);
            // Loops, not Select(ToEntity): the method group made a delegate and an iterator per sentence.
            foreach (var name in names)
            {
                into.Add(ToEntity(name));
            }
            foreach (var nominal in nominals)
            {
                into.Add(ToEntity(nominal));
            }
        }

        /// <summary>"ethnic Albanians ... near Macedonia's border", "ethnic Turks ... against Sweden's decision": an ethnic group
        /// belongs to the first other country named as a place after it (where it lives), as civilians unless its phrase names a
        /// role. Only a place named after the group says where it lives: in "wilayah yang dikuasai oleh etnis Armenia" nothing
        /// does, and the group keeps its name's country.</summary>
        private void RecodeEthnicGroups(List<Candidate> candidates, List<Candidate> names)
        {
            if (_resources.EthnicWords.Count == 0)
            {
                return;
            }
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                if (c.Actor is not { Country: { } own } actor || c.Type is not (EntityType.NORP or EntityType.ORG) || !IsEthnicGroup(c))
                {
                    continue;
                }
                Candidate? home = null;
                foreach (var n in names)
                {
                    if (n.Start >= c.End && n.Type is EntityType.GPE or EntityType.LOC && n.Actor?.Country is { } country && country != own
                        && (home is null || n.Start < home.Start))
                    {
                        home = n;
                    }
                }
                if (home is null)
                {
                    continue;
                }
                var homeCountry = home.Actor!.Country!;
                ImmutableArray<string> roles = actor.HasRole ? actor.Roles : ["CVL"];
                candidates[i] = c with { Actor = actor with { Code = homeCountry + string.Concat(roles), Country = homeCountry, Roles = roles } };
            }
        }

        /// <summary>An ethnic word right before the mention ("ethnic Albanians") or inside it before its last word ("warga etnis
        /// Albania").</summary>
        private bool IsEthnicGroup(Candidate c)
        {
            if (c.Start > 0 && _resources.EthnicWords.Contains(in _tokens[c.Start - 1]))
            {
                return true;
            }
            for (var k = c.Start + 1; k < c.End - 1; k++)
            {
                if (_resources.EthnicWords.Contains(in _tokens[k]))
                {
                    return true;
                }
            }
            return false;
        }

        // ---- evidence -----------------------------------------------------------------------------------

        private void FindDictionaryNames()
        {
            var blocked = _blocked;
            var tokens = _tokens;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (blocked[i])
                {
                    continue;
                }
                // Choose turns down every entry at a word in lower case (most words): the look-up is not made there.
                if (!MayStartName(in tokens[i]) || !_lexicon.Names.TryMatch(tokens, i, out var length, out var entries))
                {
                    if (LeaderCompound(i) is { } led)
                    {
                        _dictionary.Add(led);
                    }
                    continue;
                }
                var entry = Choose(entries, i, length);
                if (entry is null)
                {
                    // A shorter name inside may still match (the longest entry failed its case check).
                    for (var shorter = length - 1; shorter >= 1 && entry is null; shorter--)
                    {
                        if (_lexicon.Names.TryGet(Words(i, shorter), out var inner))
                        {
                            entry = Choose(inner, i, shorter);
                            length = entry is null ? length : shorter;
                        }
                    }
                    if (entry is null)
                    {
                        continue;
                    }
                }
                // "Corruption Eradication Commission (KPK)": the bracketed acronym is part of the organisation's mention.
                var end = entry.Type == EntityType.ORG ? WithBracketedAcronym(i + length) : i + length;
                var actor = ActorOf(entry);
                if (entry.Kind == NameKind.Organization && OtherCountryAfter(end, entry.Code) is { } other)
                {
                    // "Mahkamah Konstitusi Thailand": an institution every country has, listed as the home country's, belongs to the
                    // country named right after it.
                    actor = Actor.FromCode(other.Country + entry.Code![3..], Surface(i, other.End), _isCountry);
                    end = other.End;
                }
                _dictionary.Add(new Candidate(i, end, entry.Type, Evidence.Dictionary, entry.Location)
                {
                    Actor = actor,
                    Entry = entry,
                });
            }
        }

        /// <summary>Whether a dictionary name can begin at this token: a capitalised word or a figure, or any word when the lexicon holds
        /// a name to be matched as written that begins otherwise (<see cref="ActorLexicon.NamesStartCapitalised"/>).</summary>
        private bool MayStartName(in Token token) =>
            !_lexicon.NamesStartCapitalised || token.IsCapitalized || char.IsDigit(token.Text[0]);

        /// <summary>"US-led forces", "a Saudi-led coalition": the country or nationality before a leader suffix, as a nationality.</summary>
        private Candidate? LeaderCompound(int i)
        {
            if (_resources.LeaderSuffixes.Count == 0)
            {
                return null; // a language without "-led" compounds: asked about every token that starts no name, it need not look
            }
            if (!_tokens[i].LowerHasHyphen)
            {
                return null; // nearly every word: segmentation found no hyphen, so the search for one need not be made
            }
            var text = _tokens[i].Text;
            var dash = text.LastIndexOf('-');
            if (dash <= 0 || !_resources.LeaderSuffixes.Contains(_tokens[i].Lower[(dash + 1)..])
                || !_lexicon.Names.TryGet([text[..dash].ToLowerInvariant()], out var entries))
            {
                return null;
            }
            // A loop, not a lambda: the lambda's captured locals were allocated for every token this method looked at.
            NameEntry? entry = null;
            foreach (var e in entries)
            {
                if (e.Kind is NameKind.Country or NameKind.Demonym && (!e.CaseSensitive || text.AsSpan(0, dash).SequenceEqual(e.Name)))
                {
                    entry = e;
                    break;
                }
            }
            return entry is null ? null
                : new Candidate(i, i + 1, EntityType.NORP, Evidence.Dictionary, entry.Location + "+leader") { Actor = ActorOf(entry), Entry = entry };
        }

        /// <summary>A country name right after a home-country institution, when it names another country.</summary>
        private (string Country, int End)? OtherCountryAfter(int end, string? code)
        {
            // State institutions only ("Mahkamah Konstitusi", "Kementerian Luar Negeri"), not companies ("Garuda Indonesia Tiongkok").
            if (code is not { Length: 6 } || _lexicon.HomeCountry is not { } home || !code.StartsWith(home, StringComparison.Ordinal)
                || code[3..] is not ("GOV" or "JUD" or "LEG" or "MIL" or "COP" or "SPY") || end >= _tokens.Length || !_lexicon.Names.TryMatch(_tokens, end, out var length, out var entries))
            {
                return null;
            }
            var country = entries.FirstOrDefault(e => e.Kind == NameKind.Country && e.Code is { Length: 3 } c && c != home);
            return country is null || !_tokens[end].IsCapitalized ? null : (country.Code!, end + length);
        }

        /// <summary>Picks the entry valid on the document's date whose case fits the text; null when none fits.</summary>
        private NameEntry? Choose(ImmutableArray<NameEntry> entries, int start, int length)
        {
            NameEntry? best = null;
            foreach (var entry in entries)
            {
                if (entry.CaseSensitive ? !SurfaceSpan(start, start + length).SequenceEqual(entry.Name) : !_tokens[start].IsCapitalized && !char.IsDigit(_tokens[start].Text[0]))
                {
                    continue;
                }
                if (entry.ValidOn(_document.Published))
                {
                    return entry;
                }
                // Out of its dates: the latest period is still the best description of who this is.
                if (best is null || (entry.ValidFrom ?? DateOnly.MinValue) > (best.ValidFrom ?? DateOnly.MinValue))
                {
                    best = entry;
                }
            }
            if (best is not null && best.Kind == NameKind.Person)
            {
                // A person outside every period of office keeps the country but not the office.
                var country = best.Code is { Length: >= 3 } c && _isCountry(c[..3]) ? c[..3] : best.Code;
                return best with { Code = _document.Published is null ? best.Code : country + "ELI" };
            }
            return best;
        }

        /// <summary><c>Presiden Azerbaijan Ilham Aliyev</c>, <c>Menteri Luar Negeri AS Antony Blinken</c>, <c>Russian Foreign Minister Sergei Lavrov</c>,
        /// <c>Wakil Ketua Umum Partai Golkar Agung Laksono</c>, <c>Menteri Kelautan dan Perikanan Sharif Cicip Sutardjo</c>: the person is the
        /// capitalised words after the title and its affiliation (a country, an organisation, a portfolio of ordinary words).</summary>
        private void FindTitledPersons(List<Candidate> into)
        {
            var blocked = _blocked;
            var tokens = _tokens;
            for (var i = 0; i < tokens.Length; i++)
            {
                if (blocked[i] || !TitleAt(i, out var length, out var title) || IsTitleWordInName(i, length))
                {
                    continue;
                }
                // "Raja Ampat" is a place, not King Ampat: a known place name wins over a title.
                if (DictionaryStartsAt(i, minEnd: i + length + 1) || _gazetteer.Contains(SurfaceSpan(i, NameRunEnd(i))))
                {
                    continue;
                }
                var j = i + length;
                var role = title.Role;
                // Chained titles: Wakil Ketua Umum, ajudan Presiden.
                while (j < tokens.Length && TitleAt(j, out var more, out var next))
                {
                    role ??= next.Role;
                    j += more;
                }
                string? country = DictionaryEndingAt(i, NameKind.Country, NameKind.Demonym)?.Actor?.Country;
                // The run of capitalised words after the title holds the affiliation first and the name last.
                var runEnd = j;
                var inName = false;
                while (runEnd < tokens.Length && (IsNameToken(runEnd) || (!inName && IsCapitalisedConnector(runEnd, j))) && !IsTitleStart(runEnd, j))
                {
                    // Connectors join words of a portfolio ("Kelautan dan Perikanan"), never two people ("Prabowo Subianto and ...").
                    inName |= IsNameToken(runEnd) && !IsCommonWord(runEnd) && !InDictionaryName(runEnd, exceptPersons: true);
                    runEnd++;
                }
                while (runEnd > j && IsConnectorWord(runEnd - 1))
                {
                    runEnd--; // "Friedrich Merz dan Presiden ...": the connector joins two people, it is not in either name
                }
                var nameStart = j;
                for (var k = j; k < runEnd && k == nameStart; k++)
                {
                    var covering = DictionaryNonPersonAt(k, runEnd);
                    if (covering is not null)
                    {
                        country ??= covering.Actor?.Country;
                        k = covering.End - 1;
                        nameStart = covering.End;
                        continue;
                    }
                    var givenName = _resources.GivenNames.Contains(in tokens[k]) && k + 1 < runEnd && !IsCommonWord(k + 1);
                    if ((IsCommonWord(k) && !givenName) || tokens[k].Lower is "dan" or "and" or "of" or "the" || _lexicon.OrgHeads.TryMatch(tokens, k, out _, out _))
                    {
                        nameStart = k + 1;
                    }
                }
                if (nameStart >= runEnd)
                {
                    // Only a title and its country ("duta besar China", "Presiden Rusia"): the office stands for its holder.
                    if (country is not null && role is not null)
                    {
                        _offices.Add(new Candidate(i, j, EntityType.ORG, Evidence.Title, "role:" + role)
                        {
                            Actor = Actor.FromCode(country + role, Surface(i, j), _isCountry),
                        });
                    }
                    continue;
                }
                // A name is at most four words; a longer run is an affiliation this dictionary does not know.
                if (runEnd - nameStart > 4)
                {
                    nameStart = runEnd - 3;
                }
                var person = DictionaryPersonAt(nameStart);
                _consumed.Add((i, nameStart));
                if (person is not null && person.End >= runEnd)
                {
                    continue; // the dictionary already has this person
                }
                // "President Obama": a surname after a title names the one office holder of that name.
                var bySurname = person is null && runEnd - nameStart == 1 ? _lexicon.PersonBySurname(in tokens[nameStart], _document.Published) : null;
                if (bySurname?.Code is { Length: >= 3 } known && role is not null && (known.Length == 3 || known.EndsWith("ELI", StringComparison.Ordinal))
                    && !(i > 0 && _resources.FormerWords.Contains(in tokens[i - 1])))
                {
                    // "President Bush" in an undated or older report: the title says the office was held when it was written.
                    bySurname = bySurname with { Code = known[..3] + role };
                }
                var actor = person?.Actor ?? (bySurname is not null ? ActorOf(bySurname)
                    : country is not null ? Actor.FromCode(country + (role ?? ""), Surface(nameStart, runEnd), _isCountry)
                    // "President Abdelaziz Bouteflicka" with no country named: the office is known, the country is not.
                    : title.Role is { } office ? new Actor("---" + office, null, [office], Surface(nameStart, runEnd)) : null);
                into.Add(new Candidate(nameStart, runEnd, EntityType.PERSON, Evidence.Title, "title:" + title.Location) { Actor = actor });
            }
        }

        private bool OnlyCountriesBetween(int start, int end)
        {
            for (var k = start; k < end;)
            {
                var country = DictionaryCountryAt(k, end);
                if (country is null)
                {
                    return false;
                }
                k = country.End;
            }
            return true;
        }

        private bool IsConnectorWord(int k) => _tokens[k].Lower is "dan" or "and" or "of" or "untuk";

        private bool IsCapitalisedConnector(int k, int runStart) =>
            k > runStart && k + 1 < _tokens.Length && _tokens[k].Lower is "dan" or "and" or "of" or "untuk" && IsNameToken(k + 1);

        private bool IsTitleStart(int k, int runStart) => k > runStart && TitleAt(k, out _, out _)
            && !InDictionaryName(k, exceptPersons: false);

        /// <summary>An ordinary word of the language written with a capital (a portfolio or an office, not a name).</summary>
        private bool IsCommonWord(int k)
        {
            ref var known = ref _sentenceFacts[k].CommonWord;
            if (known == 0)
            {
                ref readonly var token = ref _tokens[k];
                known = !token.IsAllCaps && (_resources.CommonWords.Contains(in token)
                    || (token.Lemma != token.Lower && _resources.CommonWords.ContainsLemma(in token))) ? (sbyte)1 : (sbyte)2;
            }
            return known == 1;
        }

        /// <summary>Organisation and facility names recognised by their head word: <c>Kementerian Luar Negeri Rusia</c>,
        /// <c>Partai Golkar</c>, <c>Russian Foreign Ministry</c>, <c>Gedung DPR</c>.</summary>
        private void FindHeadedNames(List<Candidate> into)
        {
            var blocked = _blocked;
            var tokens = _tokens;
            for (var i = 0; i < tokens.Length; i++)
            {
                // Cheap tests before the lookup of a lower-case head, which most tokens would otherwise pay.
                if (blocked[i] || (!tokens[i].IsCapitalized
                    && !(i + 1 < tokens.Length && IsNameToken(i + 1) && _resources.LowercaseHeads.Contains(tokens[i].Lower))))
                {
                    continue;
                }
                if (tokens[i].IsCapitalized && _resources.SubunitHeads.TryMatch(tokens, i, out var subunitLength, out _))
                {
                    // "Fraksi PDI Perjuangan", "Komisi III DPR": the organ is not a name; its parent after it is found on its own.
                    _consumed.Add((i, i + subunitLength));
                    i += subunitLength - 1;
                    continue;
                }
                if (InDictionaryName(i, exceptPersons: false))
                {
                    continue; // "Amerika Serikat": a head word inside a known name starts nothing
                }
                var isOrg = _lexicon.OrgHeads.TryMatch(tokens, i, out var orgLength, out var head);
                var isPlace = !isOrg && _resources.PlaceHeads.TryMatch(tokens, i, out orgLength, out _) && !EndsRolePhrase(i);
                if (!isOrg && !isPlace)
                {
                    continue;
                }
                if (isOrg && !head!.First)
                {
                    continue;
                }
                var end = HeadedRunEnd(i + orgLength);
                if (end == i + orgLength)
                {
                    continue; // a head alone ("Kementerian") is not a name
                }
                if (isOrg && OnlyCountriesBetween(i + orgLength, end))
                {
                    continue; // "Pasukan Rusia", "Polisi Prancis": a role and a country, coded as a nominal actor, not a proper name
                }
                if (isOrg && DictionarySpan(i, i + orgLength, NameKind.Organization) is not null)
                {
                    continue; // a head that is a whole name already ("Kemlu") does not swallow the words after it ("Kemlu Desak Pihak ...")
                }
                // "Partai Golkar Aburizal Bakrie", "Universitas Indonesia Arbi Sanit": a known name inside the run ends the organisation,
                // and the words after it are the person who speaks for it.
                var inside = LastEndingNonPersonWithin(i, end);
                if (inside is not null && end - inside.End <= 4 && Enumerable.Range(inside.End, end - inside.End).Any(k => !IsCommonWord(k))
                    && Enumerable.Range(inside.End, end - inside.End).All(IsNameToken))
                {
                    into.Add(new Candidate(inside.End, end, EntityType.PERSON, Evidence.Head, "after-organisation"));
                    end = inside.End;
                }
                end = WithBracketedAcronym(end);
                if (isOrg && _resources.Locatives.Before(tokens, i, 0, "at") && DictionarySpan(i, end) is null)
                {
                    // "di Kantor Presiden", "di Pengadilan Negeri Jakarta Selatan": a building where someone is, not the body acting.
                    into.Add(new Candidate(i, end, EntityType.LOC, Evidence.Head, "facility"));
                    continue;
                }
                into.Add(isOrg
                    ? new Candidate(i, end, EntityType.ORG, Evidence.Head, "org-head") { Actor = InstitutionActor(i, end, head!.Role) }
                    : new Candidate(i, end, EntityType.LOC, Evidence.Head,
                        // "Kota Odesa": a head that is also a place cue names a kind of settlement the gazetteer leaves out.
                        _lexicon.PlaceCues.Contains(in tokens[i]) ? "place-cue-head" : "place-head"));
            }
            // Head-last names (English): a capitalised run ending with an organisation head.
            for (var i = 0; i < tokens.Length; i++)
            {
                if (blocked[i] || !IsNameToken(i) || (i > 0 && IsNameToken(i - 1) && !tokens[i - 1].Text.EndsWith('.')))
                {
                    continue;
                }
                var end = NameRunEnd(i);
                for (var k = end - 1; k > i; k--)
                {
                    if (_lexicon.OrgHeads.TryMatch(tokens, k, out var length, out var head) && !head.First && k + length == end)
                    {
                        into.Add(new Candidate(i, end, EntityType.ORG, Evidence.Head, "org-head-last") { Actor = InstitutionActor(i, end, head.Role) });
                        break;
                    }
                    if (_resources.PlaceHeads.TryMatch(tokens, k, out length, out var position) && position == "last" && k + length == end)
                    {
                        into.Add(new Candidate(i, end, EntityType.LOC, Evidence.Head, "place-head-last"));
                        break;
                    }
                }
                // A place noun in lower case after the name: "the Hakari bridge", "Lake Toba" is head-first.
                if (end < tokens.Length && !tokens[end].IsCapitalized && _resources.PlaceHeads.TryMatch(tokens, end, out var lowerLength, out var lowerPosition)
                    && lowerPosition == "last" && DictionarySpan(i, end, NameKind.Demonym, NameKind.Country) is null)
                {
                    into.Add(new Candidate(i, end + lowerLength, EntityType.LOC, Evidence.Head, "place-head-last"));
                }
            }
        }

        private void FindHonorificPersons(List<Candidate> into)
        {
            var tokens = _tokens;
            for (var i = 0; i + 1 < tokens.Length; i++)
            {
                // The name test first: it turns most tokens away without a lookup.
                if (IsNameToken(i + 1) && _lexicon.Honorifics.Contains(tokens[i].Lower) && !TitleAt(i + 1, out _, out _))
                {
                    into.Add(new Candidate(i + 1, NameRunEnd(i + 1), EntityType.PERSON, Evidence.Honorific, "honorific"));
                }
            }
        }

        /// <summary>Capitalised runs no name in <paramref name="names"/> explains: places, acronyms, people, added to it.</summary>
        private void ClassifyLeftoverRuns(List<Candidate> names)
        {
            var tokens = _tokens;
            if (_covered.Length < tokens.Length)
            {
                _covered = new bool[Math.Max(tokens.Length, 2 * _covered.Length)];
            }
            var covered = _covered.AsSpan(0, tokens.Length);
            covered.Clear();
            foreach (var c in names)
            {
                covered.Slice(c.Start, c.End - c.Start).Fill(true);
            }
            foreach (var (from, to) in _consumed)
            {
                for (var k = from; k < to; k++)
                {
                    covered[k] = true;
                }
            }
            var i = 0;
            while (i < tokens.Length)
            {
                if (covered[i] || !IsNameToken(i))
                {
                    i++;
                    continue;
                }
                var end = i + 1;
                while (end < tokens.Length && !covered[end] && !StartsStrongName(end))
                {
                    if (IsNameToken(end))
                    {
                        end++;
                    }
                    else if (end + 1 < tokens.Length && IsNameParticle(end) && IsNameToken(end + 1) && !covered[end + 1])
                    {
                        end += 2; // Hugo de Vries, Khalid bin Salman
                    }
                    else
                    {
                        break;
                    }
                }
                // Ordinary words capitalised because they open the sentence are not names: "Pemerintah", "Langkah".
                var start = i;
                while (start < end && IsSentenceOpenerWord(start))
                {
                    start++;
                }
                if (start < end)
                {
                    var candidate = Classify(start, end);
                    if (candidate is not null)
                    {
                        names.Add(candidate);
                    }
                }
                i = end;
            }
        }

        private Candidate? Classify(int start, int end)
        {
            var tokens = _tokens;
            var before = start > 0 ? tokens[start - 1].Lower : "";
            var placeCue = _lexicon.PlaceCues.Contains(before);
            if (TitleAt(start, out _, out _)
                || AllOrgHeads(start, end))
            {
                return null; // "Ketua Umum", "Gubernur Jawa Barat", "Dewan": an office or a head without a name
            }
            if ((end - start == 1 && tokens[start].Text.Length == 1) || IsMiscName(start, end))
            {
                return null; // an initial alone, or a law, award or event ("UU Pemilu", "Ramon Magsaysay Award")
            }
            if (end - start == 1 && IsNamePair(tokens[start].Text))
            {
                return null; // "Jokowi-JK", "SBY-Boediono": a ticket or a government named after two people
            }
            if (OrgCueBefore(start))
            {
                return new Candidate(start, end, EntityType.ORG, Evidence.Cue, "org-cue");
            }
            if (end - start == 1 && _lexicon.PersonBySurname(in tokens[start], _document.Published) is { } known && !IsCommonWord(start))
            {
                return new Candidate(start, end, EntityType.PERSON, Evidence.Dictionary, "surname:" + known.Location) { Actor = ActorOf(known), Entry = known };
            }
            if (PersonCueNear(start, end))
            {
                return new Candidate(start, end, EntityType.PERSON, Evidence.Cue, "person-cue");
            }
            // An acronym is not a town that happens to be spelled the same ("BBM", "HAM").
            var places = tokens[start].IsAllCaps && end - start == 1 ? default : _gazetteer.Find(SurfaceSpan(start, end));
            if (places.Count > 0)
            {
                // A capital or first-order division first, then the largest population; the first of equals.
                var bestAt = 0;
                var bestRank = PlaceRank(places, 0);
                for (var k = 1; k < places.Count; k++)
                {
                    var rank = PlaceRank(places, k);
                    if (rank.CompareTo(bestRank) > 0)
                    {
                        (bestAt, bestRank) = (k, rank);
                    }
                }
                var best = places[bestAt];
                if (placeCue || best.IsCapital || best.IsAdmin1 || best.Population >= ProminentPopulation)
                {
                    return new Candidate(start, end, best.IsAdmin1 || best.Population > 0 ? EntityType.GPE : EntityType.LOC, Evidence.Gazetteer,
                        "gazetteer:" + best.Id);
                }
            }
            // Ordinary words with capitals and no other evidence ("Istana", "Sidang Paripurna", "Merah Putih") are not taken as names.
            if (AllCommonWords(start, end))
            {
                return null;
            }
            if (end - start == 1 && tokens[start].IsAllCaps && tokens[start].Text.Length <= 8)
            {
                // Roman numerals number things ("Komisi III", "Munas IX"); they are not organisations.
                return IsRomanNumeral(tokens[start].Text) ? null : new Candidate(start, end, EntityType.ORG, Evidence.Acronym, "acronym");
            }
            if (placeCue || InPlaceList(start, end) || AfterPlaceNounOf(start))
            {
                // A populated place the gazetteer knows is a GPE ("Karawang"); other places are LOC.
                var inGazetteer = false;
                for (var k = 0; k < places.Count && !inGazetteer; k++)
                {
                    inGazetteer = places.PopulationAt(k) > 0 || places.IsAdmin1At(k);
                }
                return new Candidate(start, end, inGazetteer ? EntityType.GPE : EntityType.LOC, Evidence.Cue, placeCue ? "place-cue" : "place-list");
            }
            if (end - start > 4)
            {
                return null;
            }
            if (AllFrequentWords(start, end))
            {
                return null; // "Makanya", "Rumor", "Juara Umum": frequent words of the language, no given name among them
            }
            return new Candidate(start, end, EntityType.PERSON, Evidence.Default, "capitalised");
        }

        private static (int, int) PlaceRank(Gazetteer.Matches places, int k) => (places.IsCapitalAt(k) || places.IsAdmin1At(k) ? 1 : 0, places.PopulationAt(k));

        private static bool IsNamePair(string text)
        {
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 && dash < text.Length - 1 && char.IsUpper(text[0]) && char.IsUpper(text[dash + 1]) && !HasDigit(text);
        }

        /// <summary>A loop, not <c>text.Any(char.IsDigit)</c>, which made an enumerator and a delegate at each call.</summary>
        private static bool HasDigit(string text)
        {
            foreach (var c in text)
            {
                if (char.IsDigit(c))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>"maskapai Garuda", "perusahaan penerbangan nasional Qantas": an organisation noun up to two lower-case words before the name.</summary>
        private bool OrgCueBefore(int start)
        {
            var tokens = _tokens;
            for (var k = start - 1; k >= 0 && k >= start - 4; k--)
            {
                if (_resources.OrgCues.TryMatch(tokens, k, out var length, out _) && k + length <= start)
                {
                    return true;
                }
                if (tokens[k].Kind != TokenKind.Word || tokens[k].IsCapitalized)
                {
                    return false;
                }
            }
            return false;
        }

        /// <summary>"Sangatta, Kutai Timur, Kalimantan Timur" and "Senayan, Jakarta": an unknown name in a comma list next to a place is a place.</summary>
        private bool InPlaceList(int start, int end)
        {
            var after = end + 1 < _tokens.Length && _tokens[end].Text == "," && (HasPlace(_dictionary, end + 1, -1) || HasPlace(_placeHints, end + 1, -1));
            var before = start >= 2 && _tokens[start - 1].Text == "," && (HasPlace(_dictionary, -1, start - 1) || HasPlace(_placeHints, -1, start - 1));
            if (after || before)
            {
                _placeHints.Add(new Candidate(start, end, EntityType.LOC, Evidence.Cue, "place-list"));
                return true;
            }
            return false;
        }

        /// <summary>"the island of Lampedusa", "kota Misrata": a place noun and "of" before the name.</summary>
        private bool AfterPlaceNounOf(int start) =>
            start >= 2 && _tokens[start - 1].Lower is "of" && _lexicon.PlaceCues.Contains(in _tokens[start - 2]);

        private bool IsMiscName(int start, int end)
        {
            if (_resources.MiscHeads.TryMatch(_tokens, start, out _, out var position) && position == "first")
            {
                return true;
            }
            for (var k = start + 1; k < end; k++)
            {
                if (_resources.MiscHeads.TryMatch(_tokens, k, out var length, out position) && position == "last" && k + length == end)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsRomanNumeral(string text) => !text.AsSpan().ContainsAnyExcept("IVXLCM");

        private bool IsNameParticle(int k) => _tokens[k].Lower is "bin" or "binti" or "al" or "van" or "von" or "de" or "da" or "el" or "ibn" or "der" or "den";

        /// <summary>Role phrases standing for actors: <c>unit militer Azerbaijan</c>, <c>warga sipil</c>, <c>Russian peacekeepers</c>,
        /// <c>angkatan udara negara itu</c> (country from coreference), <c>Presiden Azerbaijan</c> with no name after it.</summary>
        private void FindNominalActors(List<Candidate> names, List<Candidate> into)
        {
            var blocked = _blocked;
            var tokens = _tokens;
            // Without a clitic in the sentence the look-up by lemma would ask exactly what the look-up by word asked.
            var anyClitic = false;
            foreach (ref readonly var token in tokens)
            {
                anyClitic |= token.HasClitic;
            }
            var i = 0;
            while (i < tokens.Length)
            {
                // "perdana menterinya": a clitic does not hide the role.
                if ((!_lexicon.Roles.TryMatch(tokens, i, out var length, out var role)
                        && !(anyClitic && _lexicon.Roles.TryMatch(tokens, i, static t => t.HasClitic ? t.Lemma : t.Lower, out length, out role)))
                    || role.Length == 0 || blocked[i])
                {
                    i++;
                    continue;
                }
                if (ModifiesNoun(i, length))
                {
                    i += length; // "pos polisi", "operasi militer", "army checkpoint": the role word only describes a thing
                    continue;
                }
                // A role word inside a name ("Kementerian Pertahanan") belongs to that name; a title before a person's name ("Menteri Luar
                // Negeri Blinken", "Perdana Menteri Malaysia Anwar Ibrahim") is part of how the person is named; a role right before or after
                // a named group ("Pemberontak M23", "Houthi rebels") is that group; a role after "sebagai"/"as" describes someone already named.
                if (InNameOrNextToGroup(names, i, length) || InConsumed(i)
                    || (i > 0 && _resources.Predicates.Contains(in tokens[i - 1])))
                {
                    i++;
                    continue;
                }
                var start = i;
                var end = i + length;
                string? country = null;
                // Country after the role (Indonesian word order): unit militer Azerbaijan, pasukan penjaga perdamaian Rusia, jaksa khusus
                // Korea Selatan (a plain word or two may describe the role first).
                var after = _resources.NationalityAfterNoun
                    ? CountryNameAt(names, end, -1)
                    : null;
                for (var skip = 1; _resources.NationalityAfterNoun && after is null && skip <= 2 && end + skip < tokens.Length; skip++)
                {
                    if (tokens[end + skip - 1].IsCapitalized || tokens[end + skip - 1].Kind != TokenKind.Word
                        || _resources.FunctionWords.Contains(in tokens[end + skip - 1]) || tokens[end + skip - 1].Voice is Voice.Active or Voice.Passive)
                    {
                        break;
                    }
                    after = CountryNameAt(names, end + skip, -1);
                }
                if (after is not null)
                {
                    country = after.Actor!.Country;
                    end = after.End;
                }
                // Country before the role (English): Russian peacekeepers, Israel's military, U.S. officials, Ethiopian federal forces.
                var owner = start > 0 && tokens[start - 1].Lower is "'s" ? start - 1 : start;
                var beforeName = CountryNameAt(names, -1, owner)
                    ?? (owner >= 2 && !tokens[owner - 1].IsCapitalized && tokens[owner - 1].Kind == TokenKind.Word
                        && !_resources.FunctionWords.Contains(in tokens[owner - 1])
                        ? NationalityEndingAt(names, owner - 1)
                        : null);
                if (country is null && beforeName is not null)
                {
                    country = beforeName.Actor!.Country;
                    start = beforeName.Start;
                }
                if (country is null && CountryAfterPreposition(end, names) is { } ownerCountry)
                {
                    // "the president of Armenia", "the foreign minister of Russia": the country named after "of" holds the office.
                    country = ownerCountry.Actor!.Country;
                    end = ownerCountry.End;
                }
                // "gang leaders", "army commander": a second role noun right after the first belongs to the same phrase.
                if (end < tokens.Length && _lexicon.Roles.TryMatch(tokens, end, out var secondLength, out _))
                {
                    end += secondLength;
                }
                if (StartingAt(names, end, EntityType.PERSON) is not null)
                {
                    i = end; // "Perdana Menteri Malaysia Anwar Ibrahim": the office with its country is the title of the person named next
                    continue;
                }
                country ??= CountryFromPlacePhrase(end, names);
                // "mantan presiden", "former defence minister": an office held in the past.
                if (start > 0 && _resources.FormerWords.Contains(in tokens[start - 1]))
                {
                    start--;
                    role = "ELI";
                }
                // "Armenian and Azerbaijani troops": each nationality in the list has its own troops.
                if (beforeName is not null && country is not null && start == beforeName.Start)
                {
                    foreach (var other in CoordinatedNationalities(beforeName, names))
                    {
                        into.Add(new Candidate(other.Start, other.End, EntityType.ORG, Evidence.Dictionary, "role:" + role)
                        {
                            Actor = Actor.FromCode(other.Actor!.Country + role, Surface(other.Start, other.End), _isCountry),
                        });
                    }
                }
                // Without a country the actor is written CAMEO's way for an unknown country: "---GOV".
                var actor = country is null
                    ? new Actor("---" + role, null, [role], Surface(start, end))
                    : Actor.FromCode(country + role, Surface(start, end), _isCountry);
                into.Add(new Candidate(start, end, EntityType.ORG, Evidence.Dictionary, "role:" + role) { Actor = actor });
                i = Math.Max(i + length, end);
            }
        }

        /// <summary>Nationalities listed before another one with "and" or commas: "Armenian and [Azerbaijani] troops".</summary>
        private IEnumerable<Candidate> CoordinatedNationalities(Candidate last, List<Candidate> names)
        {
            var start = last.Start;
            while (start >= 2 && (_tokens[start - 1].Lower is "and" or "dan" or "," || _tokens[start - 1].Text == ","))
            {
                var previous = NationalityEndingAt(names, start - 1);
                if (previous is null)
                {
                    yield break;
                }
                yield return previous;
                start = previous.Start;
            }
        }

        /// <summary>True when the role word at <paramref name="i"/> describes a neighbouring noun instead of naming an actor.</summary>
        private bool ModifiesNoun(int i, int length)
        {
            var before = i > 0 && _resources.ModifiedNouns.TryMatch(_tokens, i - 1, out var beforeLength, out _) && beforeLength == 1;
            if (!before && i > 1 && _resources.ModifiedNouns.TryMatch(_tokens, i - 2, out var twoWords, out _) && twoWords == 2)
            {
                before = true;
            }
            var after = i + length < _tokens.Length && _resources.ModifiedNouns.TryMatch(_tokens, i + length, out _, out _);
            return _resources.NationalityAfterNoun ? before : after;
        }

        /// <summary><c>warga sipil dari wilayah Nagorno-Karabakh</c>: the people of a place named right after the role.</summary>
        /// <summary>A country named right after an owner preposition (and an article): "of Armenia", "of the United States".</summary>
        private Candidate? CountryAfterPreposition(int end, List<Candidate> names)
        {
            if (end >= _tokens.Length || !_resources.OwnerPrepositions.Contains(_tokens[end].Lower))
            {
                return null;
            }
            // "the president of the United States": the pack's articles may stand between (pack.tsv `articles`).
            var next = end + 1 < _tokens.Length && _resources.Locatives.Articles.Contains(_tokens[end + 1].Lower) ? end + 2 : end + 1;
            return names.FirstOrDefault(n => n.Start == next && n.Type == EntityType.GPE && n.Entry?.Kind == NameKind.Country
                && n.Actor?.Country is not null);
        }

        private string? CountryFromPlacePhrase(int end, List<Candidate> names)
        {
            // "opposition groups in Zimbabwe", "rakyat Armenia yang tinggal di ...": up to two plain words may sit between the role and the cue.
            var skipped = 0;
            while (end < _tokens.Length && skipped < 2 && _tokens[end].Kind == TokenKind.Word && !_tokens[end].IsCapitalized
                && !_lexicon.PlaceCues.Contains(in _tokens[end]) && !_resources.FunctionWords.Contains(in _tokens[end]))
            {
                end++;
                skipped++;
            }
            for (var k = end; k < _tokens.Length && k <= end + 3; k++)
            {
                var name = StartingAt(names, k);
                if (name is not null)
                {
                    return name.Entry?.Kind == NameKind.Place ? name.Entry.Code : name.Type == EntityType.GPE ? name.Actor?.Country : null;
                }
                // "dissidents from military-ruled Myanmar", "in war-torn Syria": a hyphenated adjective before the place.
                if (!_lexicon.PlaceCues.Contains(in _tokens[k])
                    && !(k > end && !_tokens[k].IsCapitalized && _tokens[k].LowerHasHyphen))
                {
                    return null;
                }
            }
            return null;
        }

        /// <summary>
        /// A country named right after a common noun or a title modifies it like a nationality adjective: <c>militer Israel</c>,
        /// <c>warga Indonesia</c>, <c>Presiden Rusia</c> are "Israeli military", "Indonesian citizens", "Russian president". As in
        /// OntoNotes, such a mention is NORP (it keeps its country and actor); a country as a place or an agent stays GPE.
        /// </summary>
        private void MarkNationalityModifiers(List<Candidate> names)
        {
            for (var n = 0; n < names.Count; n++)
            {
                var c = names[n];
                if (!_resources.NationalityAfterNoun || c.Type != EntityType.GPE || c.Entry?.Kind != NameKind.Country || c.Start == 0)
                {
                    continue;
                }
                ref readonly var previous = ref _tokens[c.Start - 1];
                // After a noun or a title ("militer Israel", "Menteri Luar Negeri Rusia"), not after a verb ("menuduh Inggris") or a place word.
                var isVerb = previous.Voice is Voice.Active or Voice.Passive or Voice.Intransitive;
                var modifies = previous.Kind == TokenKind.Word
                    && (TitleAt(c.Start - 1, out _, out _) || _lexicon.Roles.TryMatch(_tokens, c.Start - 1, out _, out _)
                        || EndsRolePhrase(c.Start - 1)
                        || InsideConsumed(c.Start)
                        || (!previous.IsCapitalized && !isVerb && !_lexicon.PlaceCues.Contains(in previous)
                            && !_resources.FunctionWords.Contains(in previous)));
                if (modifies)
                {
                    names[n] = c with { Type = EntityType.NORP, Rule = c.Rule + NationalitySuffix };
                }
            }
        }

        /// <summary>"Jakarta Pusat", "Sulawesi Selatan", "Israel utara": a compass word or part after a place belongs to it. The longer place
        /// is a place, not the capital or country acting, so it keeps no actor and is geocoded by its full name.</summary>
        private void ExtendPlaces(List<Candidate> names)
        {
            for (var n = 0; n < names.Count; n++)
            {
                var place = names[n];
                if (place.Type is not (EntityType.GPE or EntityType.LOC) || place.End >= _tokens.Length || StartingAt(names, place.End) is not null
                    || !_resources.PlaceModifiers.TryMatch(_tokens, place.End, out var length, out var anyCase)
                    || (!anyCase && !_tokens[place.End].IsCapitalized))
                {
                    continue;
                }
                // "Nigeria utara" is no name the gazetteer knows; it lies in the country it names.
                var country = place.Entry is { Kind: NameKind.Country, Code: { Length: 3 } iso } && _countries.TryGetValue(iso, out var info)
                    ? Geo.Geocoder.CountryPlace(info) with { Feature = "area" } // a part of the country, not the country
                    : null;
                names[n] = place with
                {
                    End = place.End + length,
                    Type = EntityType.LOC,
                    Actor = null,
                    Entry = null,
                    Rule = place.Rule + "+modifier",
                    Place = country,
                };
            }
        }

        /// <summary>Appositions code a person: <c>Hikmet Hajiyev, ajudan Presiden Azerbaijan</c>; <c>Lavrov, Russia's foreign minister</c>.</summary>
        private void CodeAppositions(List<Candidate> names)
        {
            for (var n = 0; n < names.Count; n++)
            {
                var person = names[n];
                if (person.Type != EntityType.PERSON || person.Actor?.HasRole == true || person.End + 1 >= _tokens.Length || _tokens[person.End].Text != ",")
                {
                    continue;
                }
                var k = person.End + 1;
                string? role = null;
                string? country = null;
                var limit = Math.Min(_tokens.Length, k + 8);
                while (k < limit && _tokens[k].Text != ",")
                {
                    if (TitleAt(k, out var length, out var title))
                    {
                        role ??= title.Role;
                        k += length;
                        continue;
                    }
                    var name = StartingAt(names, k);
                    if (name?.Actor?.Country is { } c && name.Entry?.Kind is NameKind.Country or NameKind.Demonym)
                    {
                        country ??= c;
                        k = name.End;
                        continue;
                    }
                    if (_tokens[k].Lower is "'s" or "dan" or "and" or "the" or "of")
                    {
                        k++;
                        continue;
                    }
                    break;
                }
                if (role is not null && (country ?? person.Actor?.Country) is { } who)
                {
                    names[n] = person with { Actor = Actor.FromCode(who + role, person.Actor?.Name ?? Surface(person.Start, person.End), _isCountry) };
                }
            }
        }

        // ---- overlap policy -----------------------------------------------------------------------------

        /// <summary>The named policy for overlapping candidates (longer spans win, then stronger evidence, then the earlier one): the
        /// candidates that no longer or stronger one overlaps, in text order, written to <paramref name="chosen"/> (cleared first; not
        /// <paramref name="candidates"/> itself).</summary>
        private List<Candidate> ResolveOverlaps(List<Candidate> candidates, List<Candidate> chosen)
        {
            // Sorted with the list position as the last key, which is what the stable OrderBy/ThenBy chain this replaces did, without
            // its key arrays and iterators.
            if (_order.Length < candidates.Count)
            {
                _order = new (Candidate, int)[Math.Max(candidates.Count, 2 * _order.Length)];
            }
            var order = _order.AsSpan(0, candidates.Count);
            for (var k = 0; k < order.Length; k++)
            {
                order[k] = (candidates[k], k);
            }
            order.Sort(static (a, b) =>
            {
                var x = a.Candidate;
                var y = b.Candidate;
                return x.Length != y.Length ? y.Length.CompareTo(x.Length)
                    : x.Evidence != y.Evidence ? ((int)y.Evidence).CompareTo((int)x.Evidence)
                    : x.Start != y.Start ? x.Start.CompareTo(y.Start)
                    : a.Position.CompareTo(b.Position);
            });
            chosen.Clear();
            foreach (var (c, _) in order)
            {
                if (!Overlaps(chosen, c.Start, c.End))
                {
                    chosen.Add(c);
                }
            }
            order.Clear(); // no candidate kept alive by the buffer after its sentence
            chosen.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            return chosen;
        }

        private static bool Overlaps(List<Candidate> chosen, int start, int end)
        {
            foreach (var x in chosen)
            {
                if (x.Start < end && start < x.End)
                {
                    return true;
                }
            }
            return false;
        }

        // ---- helpers ------------------------------------------------------------------------------------

        /// <summary>The actor a dictionary name stands for; a place stands for its people (Nagorno-Karabakh → ARM) when its row says so.</summary>
        private Actor? ActorOf(NameEntry entry)
        {
            if (entry.Code is null)
            {
                return null;
            }
            if (!_entryActors.TryGetValue(entry, out var actor))
            {
                actor = Actor.FromCode(entry.Code, entry.Canonical, _isCountry);
                _entryActors.TryAdd(entry, actor);
            }
            return actor;
        }

        /// <summary>An institution's actor: the country named inside it (or the language's home country) and the head's role.</summary>
        private Actor? InstitutionActor(int start, int end, string? role)
        {
            // "Kelompok Houthi", "Organisasi Kesehatan Dunia (WHO)": a known organisation inside the name is who it is.
            Candidate? organisation = null;
            Candidate? inside = null;
            foreach (var d in _dictionary)
            {
                if (d.Start < start || d.End > end)
                {
                    continue;
                }
                // The longest organisation inside (the first of equal length), else the first country, demonym or capital inside.
                if (d.Entry?.Kind == NameKind.Organization && d.Actor is not null && (organisation is null || d.Length > organisation.Length))
                {
                    organisation = d;
                }
                if (inside is null && d.Actor?.Country is not null && d.Entry?.Kind is NameKind.Country or NameKind.Demonym or NameKind.Capital)
                {
                    inside = d;
                }
            }
            if (organisation is not null)
            {
                return organisation.Actor;
            }
            if (inside is null && end < _tokens.Length && _tokens[end].Lower is "'s")
            {
                inside = null;
            }
            var before = inside is null ? DictionaryEndingAt(start, NameKind.Country, NameKind.Demonym) : null;
            var country = inside?.Actor?.Country ?? before?.Actor?.Country ?? _lexicon.HomeCountry;
            if (country is null && role is null)
            {
                return null;
            }
            return Actor.FromCode((country ?? "") + (role ?? ""), Surface(start, end), _isCountry) with { Country = country };
        }

        // The candidate searches below are plain loops over a sentence's few candidates: as lambdas they allocated a closure and a
        // delegate for every token they were asked about.

        private Candidate? DictionaryEndingAt(int end, params ReadOnlySpan<NameKind> kinds)
        {
            foreach (var d in _dictionary)
            {
                if (d.End == end && d.Entry is not null && kinds.Contains(d.Entry.Kind))
                {
                    return d;
                }
            }
            return null;
        }

        /// <summary>True when a dictionary name starts at <paramref name="start"/> and ends at <paramref name="minEnd"/> or later.</summary>
        private bool DictionaryStartsAt(int start, int minEnd = 0)
        {
            foreach (var d in _dictionary)
            {
                if (d.Start == start && d.End >= minEnd)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The first dictionary name spanning exactly <paramref name="start"/>..<paramref name="end"/> (of one of
        /// <paramref name="kinds"/> when given).</summary>
        private Candidate? DictionarySpan(int start, int end, params ReadOnlySpan<NameKind> kinds)
        {
            foreach (var d in _dictionary)
            {
                if (d.Start == start && d.End == end && (kinds.IsEmpty || (d.Entry is not null && kinds.Contains(d.Entry.Kind))))
                {
                    return d;
                }
            }
            return null;
        }

        /// <summary>True when token <paramref name="k"/> is inside a dictionary name: covered by it (persons included or not), or,
        /// with <paramref name="exceptPersons"/> false, strictly after its first token.</summary>
        private bool InDictionaryName(int k, bool exceptPersons)
        {
            foreach (var d in _dictionary)
            {
                if (exceptPersons ? d.Start <= k && k < d.End && d.Entry?.Kind != NameKind.Person : d.Start < k && k < d.End)
                {
                    return true;
                }
            }
            return false;
        }

        private Candidate? DictionaryNonPersonAt(int start, int maxEnd)
        {
            foreach (var d in _dictionary)
            {
                if (d.Start == start && d.End <= maxEnd && d.Entry?.Kind != NameKind.Person)
                {
                    return d;
                }
            }
            return null;
        }

        private Candidate? DictionaryPersonAt(int start)
        {
            foreach (var d in _dictionary)
            {
                if (d.Start == start && d.Entry?.Kind == NameKind.Person)
                {
                    return d;
                }
            }
            return null;
        }

        private Candidate? DictionaryCountryAt(int start, int maxEnd)
        {
            foreach (var d in _dictionary)
            {
                if (d.Start == start && d.End <= maxEnd && d.Entry?.Kind is NameKind.Country or NameKind.Demonym)
                {
                    return d;
                }
            }
            return null;
        }

        /// <summary>Of the non-person dictionary names from <paramref name="start"/> ending before <paramref name="end"/>, the first
        /// one that ends last.</summary>
        private Candidate? LastEndingNonPersonWithin(int start, int end)
        {
            Candidate? last = null;
            foreach (var d in _dictionary)
            {
                if (d.Start >= start && d.End < end && d.Entry?.Kind != NameKind.Person && (last is null || d.End > last.End))
                {
                    last = d;
                }
            }
            return last;
        }

        /// <summary>A GPE or LOC in <paramref name="list"/> starting at <paramref name="start"/> or ending at <paramref name="end"/>
        /// (−1: either not asked).</summary>
        private static bool HasPlace(List<Candidate> list, int start, int end)
        {
            foreach (var d in list)
            {
                if ((start < 0 || d.Start == start) && (end < 0 || d.End == end) && d.Type is EntityType.GPE or EntityType.LOC)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The first candidate starting at <paramref name="start"/> (of <paramref name="type"/> when given).</summary>
        private static Candidate? StartingAt(List<Candidate> names, int start, EntityType? type = null)
        {
            foreach (var n in names)
            {
                if (n.Start == start && (type is null || n.Type == type))
                {
                    return n;
                }
            }
            return null;
        }

        /// <summary>The first GPE or NORP with a country starting at <paramref name="start"/> or ending at <paramref name="end"/>
        /// (−1: either not asked).</summary>
        private static Candidate? CountryNameAt(List<Candidate> names, int start, int end)
        {
            foreach (var n in names)
            {
                if ((start < 0 || n.Start == start) && (end < 0 || n.End == end) && n.Actor?.Country is not null && n.Type is EntityType.GPE or EntityType.NORP)
                {
                    return n;
                }
            }
            return null;
        }

        private static Candidate? NationalityEndingAt(List<Candidate> names, int end)
        {
            foreach (var n in names)
            {
                if (n.End == end && n.Type == EntityType.NORP && n.Actor?.Country is not null)
                {
                    return n;
                }
            }
            return null;
        }

        /// <summary>A role word at <paramref name="i"/> inside a name (other than at the start of a place or nationality), or right
        /// before or after a person or organisation.</summary>
        private static bool InNameOrNextToGroup(List<Candidate> names, int i, int length)
        {
            foreach (var n in names)
            {
                if (n.Start <= i && i < n.End && (n.Type is not (EntityType.GPE or EntityType.NORP) || n.Start < i))
                {
                    return true;
                }
            }
            foreach (var n in names)
            {
                // A group named before the role must be a known one ("Houthi rebels"); an unknown capitalised word ("Chenchen
                // refugees") leaves the role its own mention.
                if (n.Type is EntityType.PERSON or EntityType.ORG && (n.Start == i + length || (n.End == i && n.Actor is not null)))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether the word at <paramref name="i"/> is the last of a role phrase begun before it: "Angkatan Laut Indonesia"
        /// is the Indonesian navy, not the sea "Laut Indonesia".</summary>
        private bool EndsRolePhrase(int i)
        {
            for (var k = Math.Max(0, i - 3); k < i; k++)
            {
                if (_lexicon.Roles.TryMatch(_tokens, k, out var length, out var role) && role.Length > 0 && k + length > i)
                {
                    return true;
                }
            }
            return false;
        }

        private bool InConsumed(int i)
        {
            foreach (var (start, end) in _consumed)
            {
                if (start <= i && i < end)
                {
                    return true;
                }
            }
            return false;
        }

        private bool InsideConsumed(int i)
        {
            foreach (var (start, end) in _consumed)
            {
                if (start < i && i < end)
                {
                    return true;
                }
            }
            return false;
        }

        private bool AllOrgHeads(int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                if (!_lexicon.OrgHeads.TryMatch(_tokens, k, out _, out _))
                {
                    return false;
                }
            }
            return true;
        }

        private bool AllCommonWords(int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                if (!IsCommonWord(k))
                {
                    return false;
                }
            }
            return true;
        }

        private bool AllFrequentWords(int start, int end)
        {
            for (var k = start; k < end; k++)
            {
                if (!_resources.FrequentWords.Contains(in _tokens[k]))
                {
                    return false;
                }
            }
            return true;
        }

        private bool StartsStrongName(int i) => DictionaryStartsAt(i)
            || (TitleAt(i, out var length, out _) && !IsTitleWordInName(i, length));

        /// <summary>A capitalised word outside dates and amounts that is not a listed non-name or honorific.</summary>
        private bool IsNameToken(int i) => (uint)i < (uint)_tokenCount && _facts[_firstToken + i].NameToken;

        private bool CanBeName(in Token token) =>
            token.Kind == TokenKind.Word && token.IsCapitalized && !_lexicon.NonNames.Contains(in token) && !IsBrokenCase(token.Text)
            && !_lexicon.Honorifics.Contains(in token);

        /// <summary>The longest title starting at token <paramref name="k"/> (<see cref="ActorLexicon.Titles"/>), looked up once per token.</summary>
        private bool TitleAt(int k, out int length, out TitleEntry title)
        {
            if ((uint)k >= (uint)_tokenCount)
            {
                length = 0;
                title = null!;
                return false;
            }
            ref var facts = ref _sentenceFacts[k];
            if (facts.TitleLength < 0)
            {
                facts.TitleLength = (short)(_lexicon.Titles.TryMatch(_tokens, k, out var found, out var entry) ? found : 0);
                facts.Title = entry;
            }
            length = facts.TitleLength;
            title = facts.Title!;
            return length > 0;
        }

        /// <summary>"Lukman Hakim Syaifuddin", "Tatang Farhanul Hakim", "Shaukat Sultan": a one-word title after a name word is part of the name.</summary>
        private bool IsTitleWordInName(int k, int titleLength) =>
            titleLength == 1 && k > 0 && IsNameToken(k - 1) && !IsCommonWord(k - 1) && !TitleAt(k - 1, out _, out _)
            && (k + 1 >= _tokens.Length || !TitleAt(k + 1, out _, out _));

        /// <summary>"PERen", "SBYudhoyono": capitals run into lower case, a scraping or typing accident rather than a name.</summary>
        private static bool IsBrokenCase(string text)
        {
            var capitals = 0;
            while (capitals < text.Length && char.IsUpper(text[capitals]))
            {
                capitals++;
            }
            return capitals >= 2 && capitals + 1 < text.Length && char.IsLower(text[capitals]) && char.IsLower(text[capitals + 1]);
        }

        /// <summary>End of a run of name tokens from <paramref name="start"/>; name particles (<c>bin</c>, <c>al</c>, <c>de</c>) may join.</summary>
        private int NameRunEnd(int start)
        {
            var tokens = _tokens;
            var end = start + 1;
            while (end < tokens.Length)
            {
                if (IsNameToken(end) && (!TitleAt(end, out var titleLength, out _) || IsTitleWordInName(end, titleLength)))
                {
                    end++;
                    continue;
                }
                if (end + 1 < tokens.Length && tokens[end].Lower is "bin" or "binti" or "al" or "van" or "von" or "de" or "da" or "el" or "ibn"
                    && IsNameToken(end + 1))
                {
                    end += 2;
                    continue;
                }
                break;
            }
            return end;
        }

        /// <summary>End of an organisation name after its head: capitalised words, all-caps words, and connectors between them
        /// (<c>Kementerian Komunikasi dan Informatika</c>, <c>Ministry of Foreign Affairs</c>).</summary>
        private int HeadedRunEnd(int from)
        {
            var blocked = _blocked;
            var end = from;
            while (end < _tokens.Length)
            {
                ref readonly var token = ref _tokens[end];
                if (token.Kind == TokenKind.Word && (token.IsCapitalized || token.IsAllCaps) && !blocked[end] && !_lexicon.NonNames.Contains(in token))
                {
                    end++;
                    continue;
                }
                if (end > from && end + 1 < _tokens.Length && token.Lower is "dan" or "and" or "of" or "for" or "untuk" or "the" or "&"
                    && _tokens[end + 1].IsCapitalized && !StartsAnotherName(end + 1))
                {
                    end += 2;
                    continue;
                }
                break;
            }
            return end;
        }

        /// <summary>"Mahkamah Konstitusi dan Dewan Kehormatan …", "Partai Golkar dan Presiden SBY": after a connector, an organisation
        /// head, a title or a known name begins a second name rather than continuing the first.</summary>
        private bool StartsAnotherName(int k) =>
            (_lexicon.OrgHeads.TryMatch(_tokens, k, out _, out var head) && head.First)
            || TitleAt(k, out _, out _)
            || DictionaryStartsAt(k);

        /// <summary>Includes an acronym in brackets right after a name: <c>Himpunan Mahasiswa Islam (HMI)</c>.</summary>
        private int WithBracketedAcronym(int end) =>
            end + 2 < _tokens.Length && _tokens[end].Text == "(" && _tokens[end + 1].IsAllCaps && _tokens[end + 2].Text == ")" ? end + 3 : end;

        private bool IsSentenceOpenerWord(int i)
        {
            if (_lexicon.NonNames.Contains(in _tokens[i]))
            {
                return true;
            }
            if (i != 0 && !(i > 0 && _tokens[i - 1].Kind == TokenKind.Punctuation && _tokens[i - 1].Text is "\"" or "\u201C" or "(" or ":"))
            {
                return false;
            }
            return _resources.CommonWords.Contains(in _tokens[i]) || _resources.CommonWords.ContainsLemma(in _tokens[i]);
        }

        private bool PersonCueNear(int start, int end)
        {
            // "kata Nasir", "ujar Nasir" (cue before the name); "Nasir mengatakan", "Nasir said" (cue after).
            if (start > 0 && _lexicon.PersonCues.TryMatch(_tokens, start - 1, out _, out var position) && position == "after")
            {
                return true;
            }
            if (start > 1 && _tokens[start - 1].Text == "," && _lexicon.PersonCues.TryMatch(_tokens, start - 2, out _, out position) && position == "after")
            {
                return true;
            }
            return end < _tokens.Length && _lexicon.PersonCues.TryMatch(_tokens, end, out _, out position) && position == "before";
        }

        private Entity ToEntity(Candidate c)
        {
            var from = _tokens[c.Start].Start;
            var to = _tokens[c.End - 1].End;
            return new Entity(from, to, _document.Text[from..to], c.Type, _sentence.Index)
            {
                Actor = c.Actor,
                Rule = c.Rule,
                Mention = c.Rule.StartsWith("role:", StringComparison.Ordinal) ? MentionKind.Nominal : MentionKind.Name,
                Place = c.Entry is { Kind: NameKind.Place, Point: { } point } entry
                    ? new Place(entry.Canonical, entry.Country, point.Lat, point.Lon, "kabar:" + entry.Location, entry.Feature ?? "area")
                    : c.Place,
            };
        }

        private string Surface(int start, int end) => _document.Text[_tokens[start].Start.._tokens[end - 1].End];

        /// <summary>The text of tokens <paramref name="start"/>..<paramref name="end"/> without a copy, for look-ups and comparisons.</summary>
        private ReadOnlySpan<char> SurfaceSpan(int start, int end) => _document.Text.AsSpan(_tokens[start].Start, _tokens[end - 1].End - _tokens[start].Start);

        private string[] Words(int start, int length)
        {
            var words = new string[length];
            for (var k = 0; k < length; k++)
            {
                words[k] = _tokens[start + k].Lower;
            }
            return words;
        }
    }
}
