using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Entities;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Events;

/// <summary>
/// Codes <em>who did what to whom</em>: finds event triggers with the language's pattern lexicon, then the source and
/// target from clause structure (subject before the verb, object or <c>terhadap</c>/<c>against</c> phrase after it,
/// <c>oleh</c>/<c>by</c> agents of passives, <c>dengan</c>/<c>with</c> partners, coordinated actors), and adds modality,
/// negation, attribution, date, place and quantities. Every event names the pattern that fired.
/// </summary>
/// <remarks>The grammar here is shared by all languages; what differs lives in <c>lang/&lt;code&gt;/events/</c>. Thread-safe.</remarks>
public sealed class EventCoder(IReadOnlyDictionary<string, (EventLexicon Events, Locatives Locatives)> languages, CommonData common) : IStage
{
    /// <summary>How far to the right of a trigger an object may be (tokens).</summary>
    private const int ObjectWindow = 14;

    /// <inheritdoc />
    public string Name => "events";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["tokens", "entities"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["events"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!languages.TryGetValue(document.Language, out var language))
        {
            return document;
        }
        var events = new List<Event>();
        var mainPlace = MainPlace(document);
        var entities = SentenceEntities.BySentence(document);
        // One coder per thread and language: its lists, sets and buffers serve each sentence of each document in turn (a coder
        // per sentence, then per document, allocated them all again).
        var coder = CoderFor(language.Events, language.Locatives);
        coder.StartDocument(document, mainPlace);
        try
        {
            foreach (var sentence in document.Sentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!coder.LookUpWords(sentence))
                {
                    continue; // no word starts a pattern: no trigger, so no event (and no actors, clause words… to find)
                }
                coder.Start(SentenceEntities.Of(entities, sentence));
                coder.Run(events);
            }
        }
        finally
        {
            coder.EndDocument();
        }
        return document with { Events = [.. events] };
    }

    /// <summary>Each thread's coders, one per language's lexicon: each is used by one document at a time. Kept by this stage, not in
    /// a static, so that an engine let go of takes its coders, and the lexicons they hold, with it (a process that builds engines
    /// again and again, as the tests and a reloaded user dictionary do, would otherwise keep every one).</summary>
    private readonly ThreadLocal<List<SentenceCoder>> _coders = new(() => []);

    private SentenceCoder CoderFor(EventLexicon lexicon, Locatives locatives)
    {
        var coders = _coders.Value!;
        foreach (var coder in coders)
        {
            if (coder.Serves(lexicon, locatives))
            {
                return coder;
            }
        }
        var made = new SentenceCoder(lexicon, locatives, common);
        coders.Add(made);
        return made;
    }

    /// <summary>The article's main place: the most often named place below country level, else the most named country.</summary>
    private static Place? MainPlace(Document document)
    {
        // Capitals named as actors ("meminta Baku untuk ...") are governments, not where things happen.
        var places = new List<Place>();
        foreach (var e in document.Entities)
        {
            if (e.Place is not null && e.Mention == MentionKind.Name && e.Actor?.HasRole != true)
            {
                places.Add(e.Place);
            }
        }
        if (places.Count == 0)
        {
            return null;
        }
        var counts = new Dictionary<string, (int All, int Local)>(StringComparer.Ordinal);
        foreach (var p in places)
        {
            var (all, local) = counts.GetValueOrDefault(p.GazetteerId);
            counts[p.GazetteerId] = (all + 1, local + (p.Feature != "country" ? 1 : 0));
        }
        return MostNamed(places, counts, belowCountry: true) ?? MostNamed(places, counts, belowCountry: false);
    }

    /// <summary>The first mention of the most often named place (below country level only, or any), or null. Loops where a
    /// GroupBy/OrderByDescending/First chain ran per document; as there, of equally frequent places the one named first wins.</summary>
    private static Place? MostNamed(List<Place> places, Dictionary<string, (int All, int Local)> counts, bool belowCountry)
    {
        Place? best = null;
        var bestCount = 0;
        foreach (var p in places)
        {
            if (belowCountry && p.Feature == "country")
            {
                continue;
            }
            var count = belowCountry ? counts[p.GazetteerId].Local : counts[p.GazetteerId].All;
            if (count > bestCount)
            {
                best = p;
                bestCount = count;
            }
        }
        return best;
    }

    private readonly record struct Trigger(int Start, int End, EventPattern Pattern, int SlotStart, int SlotEnd);

    /// <summary>Codes the sentences of one document, one at a time: <see cref="LookUpWords"/>, then <see cref="Start"/> and
    /// <see cref="Run"/> for a sentence with a candidate trigger word. Token positions are relative to the sentence.</summary>
    /// <remarks>Everything below "per sentence" is set again for each sentence; the collections are cleared, not made anew.</remarks>
    private sealed class SentenceCoder(EventLexicon lexicon, Locatives locatives, CommonData common)
    {
        private readonly EventLexicon _lexicon = lexicon;
        private readonly PatternIndex _index = lexicon.Index;
        private readonly Locatives _locatives = locatives;
        private readonly CommonData _common = common;

        // ---- per document (StartDocument … EndDocument)
        private Document _document = null!; // set by StartDocument before anything reads it
        private Place? _mainPlace;

        /// <summary>Whether this coder codes with a language's data (the common data are the stage's own, the same for all its coders).</summary>
        public bool Serves(EventLexicon lexicon, Locatives locatives) =>
            ReferenceEquals(_lexicon, lexicon) && ReferenceEquals(_locatives, locatives);

        /// <summary>Takes a document; its sentences come next.</summary>
        public void StartDocument(Document document, Place? mainPlace)
        {
            _document = document;
            _mainPlace = mainPlace;
        }

        /// <summary>Lets go of the document and its sentence's entities and events (so that a thread's coder keeps none alive).</summary>
        public void EndDocument()
        {
            _document = null!;
            _mainPlace = null;
            _entities = [];
            _actors.Clear();
            _names.Clear();
            _hostOf.Clear();
            _objectActOf.Clear();
            _triggers = [];
            _result.Clear();
            _triggerTokens = null;
            Array.Clear(_clauseWord);
            _sentence = null!;
            _tokens = default;
        }

        // ---- per sentence
        private Sentence _sentence = null!; // set by LookUpWords before anything reads it
        private SentenceTokens _tokens;
        private Entity[] _entities = [];
        private readonly List<(Entity Entity, int Start, int End)> _actors = [];
        private readonly List<(Entity Entity, int Start, int End)> _names = [];
        /// <summary>Clause word of each token; a buffer as long as the longest sentence yet, of which the first
        /// <c>_tokens.Length</c> entries are the sentence's.</summary>
        private string?[] _clauseWord = [];
        private readonly List<(int CondStart, int CondEnd, int HostStart, int HostEnd)> _conditions = [];
        private HashSet<int>? _triggerTokens;
        private readonly HashSet<int> _triggerTokenSet = [];
        private readonly Dictionary<int, Trigger> _hostOf = [];
        private readonly Dictionary<int, Trigger> _objectActOf = [];
        private List<Trigger> _triggers = [];
        private readonly HashSet<int> _toldByItsVerb = [];
        private readonly List<Event> _result = [];
        /// <summary>Pattern key number (<see cref="PatternIndex"/>) of each token's lemma, and of its form when that differs from the
        /// lemma; −1 for none. Buffers as <see cref="_clauseWord"/>.</summary>
        private int[] _lemmaIds = [];
        private int[] _formIds = [];
        /// <summary>A bit per pattern key: set when some word of the sentence has it as lemma or form.</summary>
        private readonly ulong[] _keysPresent = new ulong[(lexicon.Index.Count + 63) / 64];
        // The phrase tables asked about the same tokens for each trigger: each token is looked up once per sentence.
        private readonly PhraseMemo<(Modality Modality, string Scope, bool LowerOnly, bool KeepCode, bool Demand)> _modality = new(lexicon.Modality);
        private readonly PhraseMemo<(string Kind, string Position)> _attribution = new(lexicon.Attribution);
        private readonly PhraseMemo<bool> _negation = new(lexicon.Negation);

        /// <summary>Looks up each word of a sentence once among the pattern keys (for <see cref="FindTriggers"/>), and says whether
        /// some word starts a pattern, by its lemma or its form: exactly the words the trigger search tries. A sentence without
        /// one has no trigger, hence no event; in news text that is a good share of the sentences.</summary>
        /// <remarks>It says no, too, when no pattern those words start has all its later words in the sentence: then no pattern
        /// can match either.</remarks>
        public bool LookUpWords(Sentence sentence)
        {
            _sentence = sentence;
            _tokens = new SentenceTokens(_document, sentence);
            if (_lemmaIds.Length < _tokens.Length)
            {
                _lemmaIds = new int[Math.Max(_tokens.Length, 2 * _lemmaIds.Length)];
                _formIds = new int[_lemmaIds.Length];
            }
            Array.Clear(_keysPresent);
            var starts = false;
            for (var i = 0; i < _tokens.Length; i++)
            {
                ref readonly var token = ref _tokens[i];
                if (token.Kind != TokenKind.Word)
                {
                    _lemmaIds[i] = _formIds[i] = -1;
                    continue;
                }
                // Most words are their own lemma: then the one look-up is by the token's key, which the filter turns away for most words.
                var ownLemma = ReferenceEquals(token.Lower, token.Lemma);
                var lemma = ownLemma ? _index.IdOfLower(in token) : _index.IdOfLemma(in token);
                // The form only when it differs: the same word again would find the same patterns. (Two keys are the same word
                // exactly when their numbers are, so the numbers are compared, not the strings.)
                var form = ownLemma ? -1 : _index.IdOfLower(in token);
                form = form == lemma ? -1 : form;
                _lemmaIds[i] = lemma;
                _formIds[i] = form;
                if (lemma >= 0)
                {
                    _keysPresent[lemma >> 6] |= 1UL << lemma;
                    starts |= _index.StartsPattern(lemma);
                }
                if (form >= 0)
                {
                    _keysPresent[form >> 6] |= 1UL << form;
                    starts |= _index.StartsPattern(form);
                }
            }
            if (!starts)
            {
                return false;
            }
            // With every word known: whether some pattern a word starts has each later word in the sentence (MayMatchHere). If
            // none has, the trigger search would find nothing, and the actors and clause words need not be found.
            for (var i = 0; i < _tokens.Length; i++)
            {
                if (AnyMayMatch(_lemmaIds[i]) || AnyMayMatch(_formIds[i]))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether some pattern the key starts may match in the sentence; false for no key or one that starts none.</summary>
        private bool AnyMayMatch(int firstId)
        {
            if (!_index.StartsPattern(firstId))
            {
                return false;
            }
            foreach (var laterWords in _index.LaterWords[firstId])
            {
                if (MayMatchHere(laterWords))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Finds the sentence's actors, names and clause words; after <see cref="LookUpWords"/> said yes.</summary>
        /// <param name="entities">The sentence's entities, without those of the dateline (found once per document:
        /// <see cref="SentenceEntities"/>).</param>
        public void Start(Entity[] entities)
        {
            _entities = entities;
            _actors.Clear();
            _names.Clear();
            _conditions.Clear();
            _triggerTokens = null;
            _hostOf.Clear();
            _objectActOf.Clear();
            _triggers = [];
            _toldByItsVerb.Clear();
            _sentenceCountry = null;
            _modality.Reset(_tokens.Length);
            _attribution.Reset(_tokens.Length);
            _negation.Reset(_tokens.Length);
            foreach (var entity in _entities)
            {
                var (start, end) = TokenRange(entity.Start, entity.End);
                if (start < 0)
                {
                    continue;
                }
                if (entity.Type is EntityType.PERSON or EntityType.ORG or EntityType.GPE or EntityType.LOC or EntityType.NORP)
                {
                    _names.Add((entity, start, end));
                }
                // Role phrases without a country ("congress", "the rebels") are actors too ("---LEG"); those with a country are preferred.
                if (entity.Actor is not null && (entity.Actor.Country is not null || entity.Actor.HasRole
                    || entity.Actor.Code is { Length: >= 3 } code && Actors.ActorLexicon.HasInternationalPrefix(code)))
                {
                    _actors.Add((entity, start, end));
                }
            }
            // A crowd counted by a noun with a role stands for that group when no actor covers it: "Ribuan orang berunjuk rasa",
            // "Thousands of people protested" (---CVL).
            foreach (var entity in _entities)
            {
                if (entity.Quantity?.Role is null)
                {
                    continue;
                }
                var (start, end) = TokenRange(entity.Start, entity.End);
                if (start >= 0 && !OverlapsAnyOf(_actors, start, end))
                {
                    var role = entity.Quantity!.Role!;
                    _actors.Add((entity with { Actor = new Actor("---" + role, null, [role], entity.Text) }, start, end));
                }
            }
            // Places stand for their people when nothing better is named ("Kota Odesa dibombardir ...": Ukraine is hit).
            foreach (var (entity, start, end) in _names)
            {
                if (entity.Actor is not null || entity.Place?.Country is null)
                {
                    continue;
                }
                var country = entity.Place!.Country!;
                _actors.Add((entity with { Actor = new Actor(country, country, [], entity.Text) }, start, end));
            }
            // Nested mentions: "pasukan penjaga perdamaian Rusia" wins over the "Rusia" inside it.
            _actors.RemoveAll(_nestedInLongerActor ??= IsNestedInLongerActor);
            // "Armenian and Azerbaijani troops": the nationality "Armenian" is also the role mention ARMMIL; the role wins.
            _actors.RemoveAll(_rolelessOnRoleSpan ??= a => a.Entity.Actor?.HasRole != true && HasRoleActorOnSameSpan(a));
            // "Presiden Prancis Emmanuel Macron", "Chinese Foreign Minister Wang Yi", "US Secretary of State Antony Blinken": a nationality
            // or country before a person or organisation of that country, with only title words between, is part of how it is named.
            _actors.RemoveAll(_titleOfNextActor ??= a => a.Entity.Type is EntityType.NORP or EntityType.GPE && IsTitleOfNextActor(a));
            _actors.Sort((a, b) => a.Start.CompareTo(b.Start));
            if (_clauseWord.Length < _tokens.Length)
            {
                _clauseWord = new string?[Math.Max(_tokens.Length, 2 * _clauseWord.Length)];
            }
            Array.Clear(_clauseWord, 0, _tokens.Length);
            for (var i = 0; i < _tokens.Length; i++)
            {
                if (_lexicon.Clauses.TryMatch(_tokens, i, out var length, out var kind))
                {
                    for (var k = i; k < i + length; k++)
                    {
                        _clauseWord[k] = kind;
                    }
                }
            }
            // "since September", "sejak Desember 2022", "up to 1,000": before a date or a number a subordinate or purpose word opens a
            // phrase, not a clause.
            for (var k = 0; k + 1 < _tokens.Length; k++)
            {
                if (_clauseWord[k] is "subordinate" or "purpose" && _clauseWord[k + 1] is null
                    && (_tokens[k + 1].Kind == TokenKind.Number
                        || DateOrTimeStartsAt(_tokens[k + 1].Start)))
                {
                    _clauseWord[k] = null;
                }
            }
        }

        // The three RemoveAll tests as delegates made once per coder (a lambda that reads the coder is a new delegate at each use).
        private Predicate<(Entity Entity, int Start, int End)>? _nestedInLongerActor;
        private Predicate<(Entity Entity, int Start, int End)>? _rolelessOnRoleSpan;
        private Predicate<(Entity Entity, int Start, int End)>? _titleOfNextActor;

        private bool DateOrTimeStartsAt(int start)
        {
            foreach (var e in _entities)
            {
                if (e.Type is EntityType.DATE or EntityType.TIME && e.Start == start)
                {
                    return true;
                }
            }
            return false;
        }

        // The tests of the three RemoveAll passes above, as loops (an Any with a closure per actor before). They read the list as
        // Any did while RemoveAll compacts it: the span of its current items.

        private bool IsNestedInLongerActor((Entity Entity, int Start, int End) a)
        {
            foreach (var b in CollectionsMarshal.AsSpan(_actors))
            {
                if (b != a && b.Start <= a.Start && a.End <= b.End && b.End - b.Start > a.End - a.Start)
                {
                    return true;
                }
            }
            return false;
        }

        private bool HasRoleActorOnSameSpan((Entity Entity, int Start, int End) a)
        {
            foreach (var b in CollectionsMarshal.AsSpan(_actors))
            {
                if (b != a && b.Start == a.Start && b.End == a.End && b.Entity.Actor?.HasRole == true)
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsTitleOfNextActor((Entity Entity, int Start, int End) a)
        {
            foreach (var b in CollectionsMarshal.AsSpan(_actors))
            {
                if (b.Start >= a.End && b.Start <= a.End + 4 && b.Entity.Actor?.Country == a.Entity.Actor?.Country
                    && b.Entity.Type is EntityType.PERSON or EntityType.ORG && OnlyTitleWordsBetween(a.End, b.Start))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Conditional clauses (<c>jika</c>, <c>if</c>, <c>unless</c>) and the clause each one conditions.</summary>
        private void FindConditions()
        {
            for (var k = 0; k < _tokens.Length; k++)
            {
                if (!_modality.TryMatch(_tokens, k, out var length, out var marker) || marker.Scope != "clause"
                    || (marker.LowerOnly && _tokens[k].IsCapitalized))
                {
                    continue;
                }
                var condEnd = k + length;
                while (condEnd < _tokens.Length && _tokens[condEnd].Text is not ("," or ";" or ".") && _clauseWord[condEnd] is not ("complement" or "coordinator"))
                {
                    condEnd++;
                }
                var fronted = k == 0 || IsHardBoundary(k - 1) || _tokens[k - 1].Text == ",";
                var hostStart = fronted && condEnd < _tokens.Length && _tokens[condEnd].Text == "," ? condEnd + 1 : ClauseStart(k);
                var hostEnd = hostStart > k ? ClauseEnd(hostStart) : k;
                _conditions.Add((k, condEnd, hostStart, hostEnd));
                k = condEnd - 1;
            }
        }

        /// <summary>Codes the sentence's triggers and adds its events to <paramref name="events"/>.</summary>
        public void Run(List<Event> events)
        {
            _numbered = events.Count;
            var result = _result;
            result.Clear();
            var triggers = FindTriggers();
            if (triggers.Count == 0)
            {
                return; // nothing to code (the conditions below would only serve the triggers)
            }
            // The conditions are found before the triggers are known to the clause helpers (_triggers is still empty, as it was
            // when this ran before the trigger search), and FindTriggers reads no condition.
            FindConditions();
            _triggers = triggers;
            OpenPhrasesNotClauses();
            FindHosts(triggers);
            foreach (var trigger in triggers)
            {
                if (IsDemandedAct(trigger, triggers) || IsTopicOfStatement(trigger, triggers) || IsPurposeOfSameAct(trigger, triggers))
                {
                    continue;
                }
                Code(trigger, result);
            }
            events.AddRange(result);
        }

        /// <summary>The number of the first event of the sentence, less one: the events of the sentences before it.</summary>
        private int _numbered;

        /// <summary>Adds an event <see cref="Code"/> found to the sentence's, unless it has one with the same actors and code, or one
        /// that <see cref="RetellsWithLessDetail">this one retells</see>. (<see cref="Code"/> was an iterator whose caller did this
        /// between its steps; called where it yielded, this sees the same list at the same moments, without the iterator.)</summary>
        private void Emit(Event e)
        {
            foreach (var r in _result)
            {
                if ((r.Source.Actor.Code == e.Source.Actor.Code && r.Target?.Actor.Code == e.Target?.Actor.Code && r.Cameo.Code == e.Cameo.Code)
                    || RetellsWithLessDetail(e, r))
                {
                    return;
                }
            }
            _result.Add(e);
        }

        /// <summary>"called off a strike after deliberations with the government", "joining observers as the first element": a
        /// subordinate word with no verb after it before the next comma opens a phrase, not a clause, so what follows it stays in
        /// the clause (its actors can be objects and partners).</summary>
        private void OpenPhrasesNotClauses()
        {
            for (var k = 0; k < _tokens.Length; k++)
            {
                // A condition ("if war starts in Iraq") stays a clause: what it conditions is decided by FindConditions.
                if (_clauseWord[k] != "subordinate" || (k + 1 < _tokens.Length && _clauseWord[k + 1] == "subordinate") || OpensCondition(k))
                {
                    continue;
                }
                var end = k + 1;
                while (end < _tokens.Length && _tokens[end].Text != "," && !IsHardBoundary(end))
                {
                    end++;
                }
                // A trigger marked as a noun ("setelah perundingan dengan") is no verb; one that may be either (English "after
                // talks", "as shells continued") counts as one, which keeps the clause.
                var first = k + 1 < end && _clauseWord[k + 1] == "determiner" ? k + 2 : k + 1;
                var verb = false;
                for (var j = k + 1; j < end && !verb; j++)
                {
                    verb = _tokens[j].Voice is Voice.Active or Voice.Passive || (_tokens[j].Voice != Voice.Nominal && AnyTriggerStartsIn(j, j));
                }
                // "until Hamas provided a list": an actor right after the word, then a plain word, is a subject and its verb.
                var subject = ActorStartingAt(first);
                if (!verb && subject.Entity is not null && subject.End < end && _tokens[subject.End].Kind == TokenKind.Word
                    && !_tokens[subject.End].IsCapitalized && _clauseWord[subject.End] is null && !_tokens[subject.End].Lower.StartsWith('\''))
                {
                    verb = true;
                }
                if (!verb)
                {
                    _clauseWord[k] = null;
                }
            }
        }

        /// <summary>Whether a token is inside a condition (a loop: <see cref="Code"/> allocated a closure per trigger for this).</summary>
        private bool InsideCondition(int k)
        {
            foreach (var c in _conditions)
            {
                if (k >= c.CondStart && k < c.CondEnd)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether the condition opened at <paramref name="k"/> conditions the clause holding <paramref name="trigger"/>.</summary>
        private bool ConditionHosts(int k, int trigger)
        {
            foreach (var c in _conditions)
            {
                if (c.CondStart == k && trigger >= c.HostStart && trigger < c.HostEnd)
                {
                    return true;
                }
            }
            return false;
        }

        private bool OpensCondition(int k)
        {
            foreach (var condition in _conditions)
            {
                if (condition.CondStart == k)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether an event tells again, with bare country codes, what an earlier one of the sentence told with roles: "The US
        /// commander held talks with President Suleiman during a surprise visit to Beirut" is one meeting (USAMIL → LBNGOV 046), not
        /// also a visit by "the US" (USA → LBNGOV 042). Same root, same countries, and nothing the earlier one lacks.</summary>
        private static bool RetellsWithLessDetail(Event later, Event earlier) =>
            CameoRoot.Of(later.Cameo) == CameoRoot.Of(earlier.Cameo) && later.Modality == earlier.Modality && later.Negated == earlier.Negated
            && later.Target is { } t && earlier.Target is { } et
            && later.Source.Actor.Country is { } sc && sc == earlier.Source.Actor.Country
            && t.Actor.Country is { } tc && tc == et.Actor.Country
            && (later.Source.Actor.Code == sc || later.Source.Actor.Code == earlier.Source.Actor.Code)
            && (t.Actor.Code == tc || t.Actor.Code == et.Actor.Code)
            && (later.Source.Actor.Code != earlier.Source.Actor.Code || t.Actor.Code != et.Actor.Code);

        /// <summary>An act named as what an appeal, demand or pressure asks for ("urged Israel to withdraw", "pressured him to
        /// resign", "mendesak Rusia untuk mundur"), or as what an accusation alleges ("menuduh RSF menembaki rumah sakit"): it has
        /// not happened as reported, and the request or accusation is the event.</summary>
        private bool IsDemandedAct(Trigger trigger, List<Trigger> triggers)
        {
            var before = trigger.Start - 1;
            if (before < 1)
            {
                return false;
            }
            if (_clauseWord[before] == "purpose")
            {
                // The host may end with the purpose word itself ("pressure + to").
                // "allowed the opposition leader to bring out a rally" (080): what is permitted is not reported as done either.
                // (Loops, not Any: the closures were allocated on every call, for every trigger.)
                foreach (var host in triggers)
                {
                    if (host.End <= trigger.Start && host.Start < before && trigger.Start - host.End <= 8
                        && (IsRequest(host) || host.Pattern.Code == "080") && !HasHardBoundary(host.End, before))
                    {
                        return true;
                    }
                }
                return false;
            }
            // "demanded that the US cancel the sale", "mendesak agar Israel menarik pasukannya": the act of the clause a demand or
            // appeal opens is what is asked for; so is the act right after its addressee ("mendesak kedua pihak membuka akses"), and
            // the act right after the accused ("menuduh RSF menembaki rumah sakit") is only alleged.
            foreach (var host in triggers)
            {
                if (host.End < trigger.Start && trigger.Start - host.End <= 12
                    && ((IsRequest(host) && _clauseWord[host.End] == "complement" && !HasHardBoundary(host.End + 1, trigger.Start))
                        || ((IsRequest(host) || host.Pattern.Code.StartsWith("11", StringComparison.Ordinal))
                            && !_hostOf.ContainsKey(trigger.Start) // "condemned the Israeli bombing": an object, with its doer
                            && (AnyActorFromTo(host.End, trigger.Start) || IsPlainAddressee(host.End, trigger.Start))
                            && !HasHardBoundary(host.End, trigger.Start) && !HasComma(host.End, trigger.Start))))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether an actor starts at or after <paramref name="from"/> and ends at <paramref name="end"/>.</summary>
        private bool AnyActorFromTo(int from, int end)
        {
            foreach (var a in _actors)
            {
                if (a.Start >= from && a.End == end)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>"mendesak kedua pihak membuka koridor": up to three plain lower-case words between a demand and an act name
        /// the ones asked, even when they are no actor (both sides, the warring parties).</summary>
        private bool IsPlainAddressee(int from, int to)
        {
            if (to - from is < 1 or > 3)
            {
                return false;
            }
            for (var k = from; k < to; k++)
            {
                if (_tokens[k].Kind != TokenKind.Word || _tokens[k].IsCapitalized || _clauseWord[k] is not (null or "determiner"))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>An act of the same kind named as another's purpose ("met with Assad to discuss efforts", "bertemu untuk membahas"):
        /// the meeting is the event, what it was for is its topic.</summary>
        private bool IsPurposeOfSameAct(Trigger trigger, List<Trigger> triggers)
        {
            // The purpose word may stand before a light verb: "memanggil Duta Besar China untuk menyampaikan protes keras".
            var before = trigger.Start - 1;
            while (before >= 1 && trigger.Start - before <= 2 && _clauseWord[before] is null && _tokens[before].Kind == TokenKind.Word
                && !_tokens[before].IsCapitalized)
            {
                before--;
            }
            if (before < 1 || _clauseWord[before] != "purpose")
            {
                return false;
            }
            foreach (var host in triggers)
            {
                if (host.End <= before && trigger.Start - host.End <= 12
                    && string.CompareOrdinal(host.Pattern.Code, 0, trigger.Pattern.Code, 0, 2) == 0 && !HasHardBoundary(host.End, before))
                {
                    return true;
                }
            }
            return false;
        }

        private bool HasComma(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                if (_tokens[k].Text == ",")
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsRequest(Trigger host) => host.Pattern.Code.StartsWith("02", StringComparison.Ordinal)
            || host.Pattern.Code.StartsWith("10", StringComparison.Ordinal) || host.Pattern.Code == "170";

        /// <summary>An act named as the topic of a statement, appeal, accusation, rejection or threat, in a phrase after a
        /// preposition ("accused Rwanda of making accusations", "claiming responsibility for a deadly attack", "expressed
        /// concern over the shelling"): the statement is the event; the act it talks about is not reported by it.</summary>
        private bool IsTopicOfStatement(Trigger trigger, List<Trigger> triggers)
        {
            var k = trigger.Start - 1;
            // Articles and adjectives of the noun phrase, in lower case ("a deadly", "the alleged").
            for (var words = 0; k >= 0 && words < 3 && _tokens[k].Kind == TokenKind.Word && !_tokens[k].IsCapitalized
                && !_lexicon.TopicWords.Contains(_tokens[k].Lower); words++)
            {
                k--;
            }
            if (k < 1 || !_lexicon.TopicWords.Contains(_tokens[k].Lower))
            {
                return false;
            }
            foreach (var host in triggers)
            {
                if (host.End <= k && trigger.Start - host.End <= 10 && IsStatementLike(host.Pattern.Code) && !HasHardBoundary(host.End, k))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>A statement, appeal, demand, disapproval, rejection or threat (roots 01, 02, 10–13).</summary>
        private static bool IsStatementLike(string code) => CameoRoot.Of(code) is 1 or 2 or 10 or 11 or 12 or 13;

        /// <summary>Acts named as the object of another event's verb ("condemned Russia's attack on Kyiv", "mengecam serangan Israel
        /// terhadap Gaza", "denied the killing of civilians"): <see cref="_hostOf"/> maps each act's start to that verb's trigger,
        /// <see cref="_objectActOf"/> the verb's start to the act. Not an act right after an actor's noun, which that actor does
        /// ("dispersed demonstrators protesting election results").</summary>
        private void FindHosts(List<Trigger> triggers)
        {
            for (var i = 1; i < triggers.Count; i++)
            {
                var act = triggers[i];
                var host = triggers[i - 1];
                // "menolak seruan gencatan senjata": an act inside the slot of a longer pattern is that pattern's object too.
                var inSlot = host.SlotStart >= 0 && host.SlotStart <= act.Start && act.End <= host.SlotEnd;
                var means = !inSlot && IsMeansOfPassive(host, act);
                var adjacent = inSlot ? IsNounPhraseGap(host.SlotStart, act.Start)
                    : means || (act.Start - host.End is >= 0 and <= 4 && IsNounPhraseGap(host.End, act.Start));
                if (adjacent
                    && IsVerb(_tokens[host.Start])
                    && _tokens[act.Start].Voice is Voice.None or Voice.Nominal && !_tokens[act.Start].HasClitic
                    && !AnyActorEndingAt(act.Start, exceptNationality: true))
                {
                    _hostOf[act.Start] = host;
                    _objectActOf[host.Start] = act;
                }
            }
        }

        /// <summary>Whether a nominal act of force is how a passive act of force before it was done: "were killed in Israeli tank
        /// shelling", "killed by an air strike", "tewas dalam serangan udara Israel" (one deed, told twice).</summary>
        private bool IsMeansOfPassive(Trigger host, Trigger act) =>
            (_tokens[host.Start].Voice == Voice.Passive) != host.Pattern.PassiveMeaning && IsForce(host) && IsForce(act)
            && MeansWordBefore(act) == host.End;

        /// <summary>Where the preposition stands that makes a nominal act the means or the cause of something: "in Israeli tank
        /// shelling", "dalam serangan udara Israel" (acts of force), "by an air strike", "frayed by an initial threat to boycott"
        /// (any act after "by" and an article or modifier; "by alleging Paris played" is the subject's own doing); or -1.</summary>
        private int MeansWordBefore(Trigger act)
        {
            if (_tokens[act.Start].Voice is not (Voice.None or Voice.Nominal))
            {
                return -1;
            }
            for (var k = act.Start - 1; k >= 0 && act.Start - k <= 5; k--)
            {
                var marks = _clauseWord[k] == "agent" ? k < act.Start - 1 : IsForce(act) && _lexicon.MeansWords.Contains(_tokens[k].Lower);
                // "in the country's 1994 genocide": still the act's own noun phrase, whose doer is then named beside it or not at all.
                if (marks && IsNounPhraseGap(k + 1, act.Start, true))
                {
                    return k;
                }
            }
            return -1;
        }

        /// <summary>Coercion, assault, fighting and mass violence (CAMEO roots 17–20).</summary>
        private static bool IsForce(Trigger trigger) => CameoRoot.Of(trigger.Pattern.Code) is 17 or 18 or 19 or 20;

        private static bool IsVerb(Token token) => token.Voice is not Voice.Nominal;

        /// <summary>Whether the words between a verb and a later trigger can only be the start of that trigger's noun phrase:
        /// articles, lower-case modifiers, numbers, a nationality or a possessor ("the Israeli", "Russia 's", "the 1994"). A
        /// possessive pronoun ("its offensive", "serangannya") makes the act the subject's own, and any other actor ("Sudanese
        /// troops attacked") starts a clause of its own.</summary>
        private bool IsNounPhraseGap(int from, int to, bool pronounPossessor = false)
        {
            var prepositionSeen = false;
            for (var k = from; k < to; k++)
            {
                var actor = ActorCovering(k);
                if (actor.Entity is not null)
                {
                    var possessor = actor.End < to && _tokens[actor.End].Lower is "'s" or "\u2019s";
                    if ((actor.Entity.Mention == MentionKind.Pronoun && !(pronounPossessor && possessor))
                        || !(actor.Entity.Type == EntityType.NORP || possessor))
                    {
                        return false;
                    }
                    k = possessor ? actor.End : actor.End - 1;
                    continue;
                }
                var token = _tokens[k];
                // "menyatakan keprihatinan mendalam atas uji coba rudal", "protested against the killing", "killed by a bomb": one
                // preposition after the verb introduces its object or its means.
                var preposition = !prepositionSeen && (_clauseWord[k] is "target" or "agent" || _lexicon.TopicWords.Contains(token.Lower));
                prepositionSeen |= preposition;
                var modifier = preposition || _clauseWord[k] == "determiner"
                    || token.Kind == TokenKind.Number
                    || (token.Kind == TokenKind.Word && !token.IsCapitalized && _clauseWord[k] is null && !InsideAnyPronoun(k));
                if (!modifier)
                {
                    return false;
                }
            }
            return true;
        }

        private bool InsideAnyPronoun(int k)
        {
            // A loop: called per word of a noun phrase (a closure per call before).
            foreach (var e in _entities)
            {
                if (e.Mention == MentionKind.Pronoun && e.Start <= _tokens[k].Start && _tokens[k].End <= e.End)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Who does an act named as another verb's object: the nationality or possessor before it ("the Israeli bombing",
        /// "Russia's attack"), the actor right after it ("serangan Israel"), or a "by"/"oleh" agent after it ("the release of
        /// hostages by Hamas").</summary>
        private List<(Entity, int, int)> DoerOf(Trigger act, Trigger host, int clauseEnd) =>
            DoerOf(act, host.End <= act.Start ? host.End : host.SlotStart, clauseEnd);

        private List<(Entity, int, int)> DoerOf(Trigger act, int from, int clauseEnd)
        {
            (Entity Entity, int Start, int End) before = default;
            foreach (var a in _actors)
            {
                if (a.Start >= from && a.End <= act.Start)
                {
                    before = a; // the last such actor, as LastOrDefault gave it
                }
            }
            if (before.Entity is not null && before.Entity.Mention != MentionKind.Pronoun)
            {
                return [before];
            }
            // Civilians, refugees or journalists named right after an act are its victims, not its doers: "pembunuhan warga sipil Ukraina".
            var after = ActorStartingAt(act.End);
            if (after.Entity is not null && !AfterPlaceCue(after.Start) && !IsVictimGroup(after.Entity))
            {
                return Group(after);
            }
            foreach (var a in _actors)
            {
                if (a.Start >= act.End && a.Start <= act.End + 6 && a.Start < Math.Min(_tokens.Length, clauseEnd + 6)
                    && AfterMarkerKind(a.Start, "agent"))
                {
                    return Group(a);
                }
            }
            return [];
        }

        // ---- triggers ---------------------------------------------------------------------------------------

        private List<Trigger> FindTriggers()
        {
            var found = new List<Trigger>();
            for (var i = 0; i < _tokens.Length; i++)
            {
                // Patterns keyed by the lemma, then by the form (looked up by LookUpWords; the form only when it differs from the
                // lemma, as the same word again would find the same patterns and could not better the first). Most words start no
                // pattern: the (costlier) check that the word is not inside a name is made only for those that do.
                var lemmaId = _lemmaIds[i];
                var formId = _formIds[i];
                var byLemma = _index.StartsPattern(lemmaId);
                var byForm = _index.StartsPattern(formId);
                if ((!byLemma && !byForm) || InsideName(i))
                {
                    continue;
                }
                Trigger? best = null;
                if (byLemma)
                {
                    BestTrigger(lemmaId, i, ref best);
                }
                if (byForm)
                {
                    BestTrigger(formId, i, ref best);
                }
                if (best is not null)
                {
                    found.Add(best.Value);
                }
            }
            // Overlapping triggers: the longer (then more specific) one is the event.
            // (Sorted in place: no two triggers start at the same word, so the order is total and an unstable sort gives what the
            // stable OrderBy/ThenBy chain gave, without its buffers; the overlap test is a loop, not a closure per trigger.)
            found.Sort((a, b) => a.Pattern.WordCount != b.Pattern.WordCount ? b.Pattern.WordCount.CompareTo(a.Pattern.WordCount)
                : a.End - a.Start != b.End - b.Start ? (b.End - b.Start).CompareTo(a.End - a.Start)
                : a.Start.CompareTo(b.Start));
            var chosen = new List<Trigger>(found.Count);
            foreach (var t in found)
            {
                if (!OverlapsAny(chosen, t))
                {
                    chosen.Add(t);
                }
            }
            chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
            return chosen;
        }

        /// <summary>False when a word element after the first accepts no word of the sentence, so the pattern cannot match here.
        /// On news text that rules out more than nine in ten of the patterns tried, each of which would otherwise be walked
        /// through its gaps. <paramref name="laterWords"/>: the pattern's <see cref="PatternIndex.LaterWords"/>.</summary>
        private bool MayMatchHere(int[] laterWords)
        {
            for (var k = 0; k < laterWords.Length;)
            {
                var end = k + 1 + laterWords[k];
                var accepted = false;
                for (k++; k < end && !accepted; k++)
                {
                    accepted = (_keysPresent[laterWords[k] >> 6] & (1UL << laterWords[k])) != 0;
                }
                if (!accepted)
                {
                    return false;
                }
                k = end;
            }
            return true;
        }

        /// <summary>The best match at word <paramref name="i"/> of the patterns that key <paramref name="firstId"/> starts.</summary>
        private void BestTrigger(int firstId, int i, ref Trigger? best)
        {
            var patterns = _index.ByFirstId[firstId];
            var laterWords = _index.LaterWords[firstId];
            for (var p = 0; p < patterns.Length; p++)
            {
                if (MayMatchHere(laterWords[p]) && TryMatch(patterns[p], i) is { } match && (best is null || Better(match, best.Value)))
                {
                    best = match;
                }
            }
        }

        private static bool OverlapsAny(List<Trigger> chosen, Trigger t)
        {
            foreach (var c in chosen)
            {
                if (Overlaps(c, t))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Triggers overlap when they share a matched word (gaps may hold other triggers: "minta + untuk hentikan").</summary>
        private static bool Overlaps(Trigger a, Trigger b) => a.Start < b.End && b.Start < a.End
            && !(a.SlotStart <= b.Start && b.End <= a.SlotEnd) && !(b.SlotStart <= a.Start && a.End <= b.SlotEnd);

        private static bool Better(Trigger a, Trigger b) =>
            a.Pattern.WordCount != b.Pattern.WordCount ? a.Pattern.WordCount > b.Pattern.WordCount
            : a.End - a.Start != b.End - b.Start ? a.End - a.Start < b.End - b.Start
            : a.Pattern.HasSuffix && !b.Pattern.HasSuffix;

        private Trigger? TryMatch(EventPattern pattern, int start)
        {
            var slotStart = -1;
            var slotEnd = -1;
            return Match(0, start) is { } end ? new Trigger(start, end, pattern, slotStart, slotEnd) : null;

            int? Match(int element, int position)
            {
                if (element == pattern.Elements.Length)
                {
                    return position;
                }
                var e = pattern.Elements[element];
                if (e.Kind is not PatternElementKind.Word)
                {
                    for (var gap = 0; gap <= e.MaxGap; gap++)
                    {
                        if (gap > 0 && (position + gap - 1 >= _tokens.Length || IsHardBoundary(position + gap - 1)))
                        {
                            break;
                        }
                        if (e.Kind == PatternElementKind.ActorSlot && !HasActorWithin(position, position + gap))
                        {
                            continue;
                        }
                        if (Match(element + 1, position + gap) is { } end)
                        {
                            if (e.Kind != PatternElementKind.Gap)
                            {
                                slotStart = position;
                                slotEnd = position + gap;
                            }
                            return end;
                        }
                    }
                    return null;
                }
                // Quotation marks between pattern words do not break a phrase: meminta Baku untuk "menghentikan ...".
                while (element > 0 && position < _tokens.Length && IsQuote(_tokens[position]))
                {
                    position++;
                }
                if (position >= _tokens.Length || !e.Accepts(_tokens[position]))
                {
                    return null;
                }
                return Match(element + 1, position + 1);
            }
        }

        private bool HasActorWithin(int start, int end)
        {
            foreach (var actor in _actors)
            {
                if (actor.Start >= start && actor.End <= end)
                {
                    return true;
                }
            }
            return false;
        }

        // ---- arguments --------------------------------------------------------------------------------------

        /// <summary>Civilians, refugees, journalists, students, workers or rights activists (<c>group</c> <c>victim</c> in
        /// <c>common/roles.tsv</c>): acted on far more often than acting in a verb's noun phrase.</summary>
        private bool IsVictimGroup(Entity entity) => entity.Actor is { } actor && HasRoleIn(actor, _common.VictimRoles);

        private static bool HasRoleIn(Actor actor, FrozenSet<string> roles)
        {
            foreach (var role in actor.Roles)
            {
                if (roles.Contains(role))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>For a trigger that opens a relative clause ("yang menewaskan", "who attacked", "yang telah menembaki"), the
        /// antecedent actor, or the doer of the antecedent act, or nobody; null when the trigger opens no relative clause.</summary>
        private List<(Entity, int, int)>? RelativeSubject(Trigger trigger, List<Event> earlier)
        {
            var k = trigger.Start - 1;
            if (k >= 1 && _clauseWord[k] is null && _tokens[k].Kind == TokenKind.Word && !_tokens[k].IsCapitalized
                && _clauseWord[k - 1] == "relative")
            {
                k--; // "yang telah menewaskan"
            }
            if (k < 1 || _clauseWord[k] != "relative")
            {
                return null;
            }
            var headEnd = _tokens[k - 1].Text == "," ? k - 1 : k;
            if (headEnd == 0)
            {
                return []; // ", yang ..." opening the sentence refers to nothing in it
            }
            var head = LastActorEndingAt(headEnd);
            if (head.Entity is not null && !IsPlace(head.Entity))
            {
                return Group(head);
            }
            // "menyerang Rafah yang menewaskan 20 orang": after a place or an act, the clause tells more of the act just reported.
            Event? act = null;
            for (var i = earlier.Count - 1; i >= 0 && act is null; i--)
            {
                act = (head.Entity is not null ? earlier[i].Target?.Start == head.Entity.Start : earlier[i].TriggerEnd == _tokens[headEnd - 1].End)
                    ? earlier[i] : null;
            }
            var doer = act is null ? default : FirstActorOfEntityAt(act.Source.Start);
            return doer.Entity is null ? [] : [doer];
        }

        /// <summary>The actors listed right after a trigger's "between"/"antara" ("fighting between the army and the RSF").</summary>
        private List<(Entity, int, int)> BetweenParties(Trigger trigger)
        {
            var k = trigger.End;
            if (k >= _tokens.Length || _clauseWord[k] != "between")
            {
                return [];
            }
            var next = k + 1 < _tokens.Length && _clauseWord[k + 1] == "determiner" ? k + 2 : k + 1;
            var first = ActorStartingAt(next);
            return first.Entity is null ? [] : Group(first);
        }

        /// <summary>The doer of the act this trigger's verb takes as its object, if one is named.</summary>
        private List<(Entity, int, int)> ObjectActDoer(Trigger host, int clauseEnd) =>
            _objectActOf.TryGetValue(host.Start, out var act) ? DoerOf(act, host, clauseEnd) : [];

        private void Code(Trigger trigger, List<Event> earlier)
        {
            var first = _tokens[trigger.Start];
            _triggerTokens = WordPositions(trigger);
            var passive = (first.Voice == Voice.Passive) != trigger.Pattern.PassiveMeaning;
            var nominal = first.Voice == Voice.Nominal;
            var clauseStart = ClauseStart(trigger.Start);
            var clauseEnd = ClauseEnd(trigger.End);
            var cameo = _common.Cameo[trigger.Pattern.Code];

            if (trigger.End - trigger.Start == 1 && trigger.Start > 0 && _clauseWord[trigger.Start - 1] == "determiner"
                && first.Voice != Voice.Nominal && first.Lower != first.Lemma && ActorStartingAt(trigger.End).Entity is not null)
            {
                return; // "release the jailed activists": a participle describing the noun after it names no doer and no new act
            }
            if (_toldByItsVerb.Contains(trigger.Start))
            {
                return; // "killed in Israeli tank shelling": the shelling is the killing, already coded with its doer
            }

            // What a condition says is not reported as having happened: "jika separatis meletakkan senjata" conditions the main
            // event (which becomes conditional) and is not coded itself.
            if (InsideCondition(trigger.Start))
            {
                return;
            }

            // Statements that only introduce reported speech are attributions, not events: "mengumumkan bahwa ...".
            if (CameoRoot.Of(cameo) == 1 && trigger.End < _tokens.Length && _clauseWord[trigger.End] == "complement")
            {
                return;
            }

            List<(Entity, int, int)> sources;
            List<(Entity, int, int)> targets;
            var slotTarget = trigger.SlotStart >= 0 ? ActorsIn(trigger.SlotStart, trigger.SlotEnd) : [];
            if (passive)
            {
                // "is being pressured by Congress to ...": an actor in the slot after "by" is the agent, not the one acted on.
                slotTarget = slotTarget.Where(a => !AfterMarkerKind(a.Item2, "agent")).ToList();
                targets = slotTarget.Count > 0 ? slotTarget
                    : first.IsReducedPassive ? ReducedPassiveHead(trigger)
                    : Subject(clauseStart, trigger.Start);
                sources = AfterMarker(trigger.SlotStart >= 0 ? trigger.SlotStart : trigger.End, clauseEnd, "agent");
                if (sources.Count == 0 && ActorStartingAt(trigger.End) is { Entity: not null } adjacentAgent && !AfterPlaceCue(adjacentAgent.Start))
                {
                    sources = Group(adjacentAgent); // "Israel diserang Iran": the agent may follow the passive verb without "oleh"
                }
                if (sources.Count == 0 && trigger.Pattern.PassiveMeaning && first.Voice != Voice.Passive)
                {
                    // A lexically passive pattern names its giver with "from"/"to": "received weapons from X", "fell to X".
                    sources = AfterMarker(trigger.End, clauseEnd, "source_prep");
                    if (sources.Count == 0)
                    {
                        sources = AfterMarker(trigger.End, clauseEnd, "purpose");
                    }
                }
                if (sources.Count == 0)
                {
                    // "diundang untuk berdialog dengan pemerintah Azerbaijan": with no agent, the partner is the one acting.
                    sources = AfterMarker(trigger.End, clauseEnd, "partner");
                }
                if (_objectActOf.TryGetValue(trigger.Start, out var means) && IsMeansOfPassive(trigger, means)
                    && DoerOf(means, trigger, clauseEnd) is { Count: > 0 } meansDoer
                    && (sources.Count == 0 || ShareActorCode(sources, meansDoer)))
                {
                    // "were killed in Israeli tank shelling", "killed in an air strike by government forces": whoever shelled killed.
                    sources = sources.Count == 0 ? meansDoer : sources;
                    _toldByItsVerb.Add(means.Start);
                }
            }
            else if (cameo.Code is not ("045" or "039") && BetweenParties(trigger) is { Count: > 1 } parties)
            {
                // "di tengah pertempuran antara militer Sudan dan RSF", "talks between Armenia and Azerbaijan": the parties named
                // after "between" act on each other, whoever the clause's subject is; a mediator (045) stands apart from them.
                sources = parties;
                targets = [];
            }
            else if (_hostOf.TryGetValue(trigger.Start, out var host))
            {
                // "France condemned Russia's attack on Kyiv": the attack is what France condemns; its doer is named beside it or
                // not at all, never by the condemning verb's subject.
                sources = DoerOf(trigger, host, clauseEnd);
                if (sources.Count == 0)
                {
                    return;
                }
                targets = slotTarget.Count > 0 ? slotTarget : Object(trigger.End, trigger.End, clauseEnd, sources);
            }
            else if (MeansWordBefore(trigger) is >= 0 and var means)
            {
                // "warga sipil tewas dalam serangan udara Israel", "Hamas fighters died in an Israeli air strike": an attack named
                // as how something happened is done by whoever is named beside it, not by the clause's subject (often its victims).
                sources = DoerOf(trigger, means + 1, clauseEnd);
                if (sources.Count == 0)
                {
                    return;
                }
                targets = slotTarget.Count > 0 ? slotTarget : Object(trigger.End, trigger.End, clauseEnd, sources);
            }
            else if (RelativeSubject(trigger, earlier) is { } antecedent)
            {
                // "serangan udara yang menewaskan puluhan orang": the relative clause's doer is its antecedent (or the antecedent
                // act's doer), never the main clause's subject.
                sources = antecedent;
                if (sources.Count == 0)
                {
                    return;
                }
                targets = slotTarget.Count > 0 ? slotTarget : Object(trigger.Start + 1, trigger.End, clauseEnd, sources);
            }
            else
            {
                sources = Subject(clauseStart, trigger.Start);
                if (sources.Count > 0 && earlier.Count > 0 && earlier[^1] is var firstAct
                    && firstAct.TriggerStart >= _tokens[clauseStart].Start && sources[0].Item1.Start >= firstAct.TriggerEnd
                    && ContinuesPreviousClause(clauseStart, trigger.Start))
                {
                    // "..., killing one person and arresting 12": what follows the first verb is its object; the second verb shares
                    // the first one's doer.
                    sources = ActorsOfEntityAt(firstAct.Source.Start);
                }
                if (sources.Count == 0 && nominal)
                {
                    // "serangan Israel terhadap Gaza": the actor right after a nominal trigger is its source.
                    var adjacent = ActorStartingAt(trigger.End);
                    if (adjacent.Entity is not null)
                    {
                        sources = Group(adjacent);
                    }
                }
                if (sources.Count == 0 && trigger.Start > 1)
                {
                    // "killed in Israeli tank shelling": a nationality before the nominal trigger, one lower-case modifier between.
                    (Entity Entity, int Start, int End) before = default;
                    foreach (var a in _actors)
                    {
                        if (a.Entity.Type == EntityType.NORP
                            && (a.End == trigger.Start || (a.End == trigger.Start - 1 && !_tokens[a.End].IsCapitalized && _clauseWord[a.End] is null)))
                        {
                            before = a;
                            break;
                        }
                    }
                    if (before.Entity is not null)
                    {
                        sources = [before];
                    }
                }
                if (sources.Count == 0 && earlier.Count > 0 && ContinuesPreviousClause(clauseStart, trigger.Start))
                {
                    var previous = earlier[^1];
                    sources = ActorsOfEntityAt(previous.Source.Start);
                }
                if (sources.Count == 0)
                {
                    // "Dalam panggilan telepon dengan X, Presiden Y mengumumkan ...": the main clause's subject after the comma.
                    sources = MainSubjectAfter(trigger.End);
                }
                targets = slotTarget.Count > 0 ? slotTarget : Object(trigger.Start + 1, trigger.End, clauseEnd, sources);
                if (slotTarget.Count == 0 && ObjectActDoer(trigger, clauseEnd) is { Count: > 0 } doer)
                {
                    // Condemning an attack is condemning the attacker: "mengecam serangan Israel terhadap Gaza" targets Israel.
                    targets = doer;
                }
                if (CameoRoot.Of(cameo) is 9 or 11 or 14 && slotTarget.Count == 0
                    && AfterMarker(trigger.End, clauseEnd, "agent") is [var culprit, ..] culprits
                    && culprit.Item2 < trigger.End + ObjectWindow
                    && (targets.Count == 0 || targets[0].Item2 > culprit.Item2))
                {
                    // "investigating alleged war crimes by Croatian extremists against Serb civilians", "protested against violations by
                    // the Israeli military": who is investigated, accused or protested against is the doer of what they are blamed for.
                    targets = culprits;
                }
                if (targets.Count == 0 && VictimInTrigger(trigger.Start) is { Entity: not null } patient)
                {
                    // The pattern's own noun is the one acted on: "dispersed demonstrators", "released hostages", "evacuated civilians".
                    targets = [patient];
                }
                if (targets.Count == 0 && clauseEnd < _tokens.Length && _clauseWord[clauseEnd] == "complement" && clauseEnd - trigger.End <= 1)
                {
                    // "demanded that the US cancel ...", "mendesak agar ...": the one asked to act is the subject of the clause.
                    targets = Subject(clauseEnd + 1, ClauseEndAfter(clauseEnd + 1));
                }
            }
            if (sources.Count == 0)
            {
                return;
            }
            // "Hamas will release civilians kidnapped by its fighters": what the participle reports happened; the modality and negation
            // of the clause around it are not its own.
            var ownClauseStart = first.IsReducedPassive ? trigger.Start : clauseStart;
            var (modality, intent, demand) = ModalityOf(trigger.Start, ownClauseStart);
            var speaker = Speaker(trigger.Start);
            if (demand && speaker is { } said && FirstActorOf(said.Entity) is { Entity: not null } asker
                && !AnyWithActorCode(sources, asker.Entity.Actor?.Code))
            {
                // "Straw said the Sudanese government must reach an agreement": what a speaker says another must do has not
                // happened; the speaker demands it of them.
                var demanded = _common.Cameo[_common.DemandFor(cameo.Code)];
                foreach (var doer in sources)
                {
                    Emit(Build(trigger, demanded, asker, doer, Modality.Asserted, false, null, clauseStart, clauseEnd));
                }
                return;
            }
            var negated = IsNegated(trigger.Start, ownClauseStart);
            var code = cameo;
            if (negated && intent && _common.NegationFor(cameo.Code) is { } rejection && _common.Cameo.TryGetValue(rejection, out var rejected))
            {
                // "would not provide support", "tidak akan memberikan": refusing to do something is a rejection (121), asserted, not negated.
                // A past non-occurrence ("belum membebaskan", "failed to meet") stays the act, marked negated.
                code = rejected;
                negated = false;
                intent = false;
                modality = modality == Modality.Intended ? Modality.Asserted : modality;
            }
            else if (intent && (trigger.Pattern.IntentCode ?? _common.IntentFor(cameo.Code)) is { } intentCode && _common.Cameo.TryGetValue(intentCode, out var intended))
            {
                code = intended;
            }
            var attributedTo = speaker is { } reporter ? NameOf(reporter.Entity) : null;
            if (sources.Count > 1 && targets.Count > 0 && AllAfterPlaceCue(targets) && CameoRoot.Of(code) != 14)
            {
                // (A protest is aimed at the place's government, GDELT-style: "activists protested in Beijing" targets China.)
                targets = []; // "Indonesia dan Malaysia menandatangani perjanjian di Jakarta": where they met, not whom they met
            }
            if (targets.Count == 0 && sources.Count > 1 && CameoRoot.Of(code) is 3 or 4 or 5 or 6 or 8 or 16 or 19)
            {
                // "Brazil and the United States are seeking to deepen a partnership", "The US, Russia and Switzerland met": with no
                // object, coordinated actors of an interaction (cooperating, meeting, yielding, cutting ties, fighting) act on each
                // other. Not those who speak, appeal, demand or protest together ("Egypt and Qatar push for a ceasefire").
                foreach (var a in sources)
                {
                    foreach (var b in sources)
                    {
                        if (a.Item1 != b.Item1 && a.Item1.Actor!.Code != b.Item1.Actor!.Code)
                        {
                            Emit(Build(trigger, code, a, b, modality, negated, attributedTo, clauseStart, clauseEnd));
                        }
                    }
                }
                return;
            }
            foreach (var source in sources)
            {
                var any = false;
                foreach (var target in targets)
                {
                    if (IsSameActor(source.Item1, target.Item1))
                    {
                        continue;
                    }
                    any = true;
                    Emit(Build(trigger, code, source, target, modality, negated, attributedTo, clauseStart, clauseEnd));
                    if (trigger.Pattern.Reciprocal && !passive && !negated && modality == Modality.Asserted && !IsPlace(target.Item1))
                    {
                        // "Wang Yi held talks with Lavrov": each negotiates with the other. Only for what happened: in "Israel should
                        // negotiate with the Palestinians" the obligation is Israel's alone.
                        Emit(Build(trigger, code, target, source, modality, negated, attributedTo, clauseStart, clauseEnd));
                    }
                }
                if (!any && targets.Count > 0 && AllOtherMentionsOfItsState(source.Item1, targets))
                {
                    continue; // "France ... by alleging Paris played a role": a state acting on itself under another name reports nothing
                }
                if (!any)
                {
                    // No target: a reply to the previous event ("... diundang ..., tetapi mereka menolak") targets its source.
                    // A statement, appeal or demand answers no one: "Kemlu Desak Pihak Bertikai ..." after "TNI Evakuasi ... Kemlu" is
                    // not addressed to the TNI. An act named as another verb's object replies to nothing either.
                    var reply = CameoRoot.Of(code) is 1 or 2 or 10 || _hostOf.ContainsKey(trigger.Start) ? null
                        : LastTargeting(earlier, source.Item1.Actor!.Code);
                    var replyTarget = reply is null ? default : FirstActorOfEntityAt(reply.Source.Start);
                    var replyCode = code;
                    if (reply is not null && code.Code == "120" && _common.NegationFor(reply.Cameo.Code) is { } refusal
                        && refusal.StartsWith("12", StringComparison.Ordinal) && _common.Cameo.TryGetValue(refusal, out var refused))
                    {
                        // A bare "menolak" / "refused" rejects what was just offered: an invitation to talk makes it 125.
                        replyCode = refused;
                    }
                    Emit(Build(trigger, replyCode, source, replyTarget.Entity is null ? null : replyTarget, modality, negated, attributedTo,
                        clauseStart, clauseEnd));
                }
            }
        }

        // Searches of Code as loops in helpers: lambdas there captured the trigger or the source, so each call allocated closures.

        /// <summary>The first victim group after the trigger's first word that is one of its words ("dispersed demonstrators").</summary>
        private (Entity Entity, int Start, int End) VictimInTrigger(int triggerStart)
        {
            foreach (var a in _actors)
            {
                if (a.Start > triggerStart && _triggerTokens!.Contains(a.Start) && IsVictimGroup(a.Entity))
                {
                    return a;
                }
            }
            return default;
        }

        private static bool AnyWithActorCode(List<(Entity, int, int)> actors, string? code)
        {
            foreach (var a in actors)
            {
                if (a.Item1.Actor?.Code == code)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Whether some actor of <paramref name="a"/> has the code of some actor of <paramref name="b"/>.</summary>
        private static bool ShareActorCode(List<(Entity, int, int)> a, List<(Entity, int, int)> b)
        {
            foreach (var x in a)
            {
                if (AnyWithActorCode(b, x.Item1.Actor?.Code))
                {
                    return true;
                }
            }
            return false;
        }

        private bool AllAfterPlaceCue(List<(Entity, int, int)> targets)
        {
            foreach (var t in targets)
            {
                if (!AfterPlaceCue(t.Item2))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Whether every target is the source's own state under another mention ("France ... Paris").</summary>
        private static bool AllOtherMentionsOfItsState(Entity source, List<(Entity, int, int)> targets)
        {
            foreach (var t in targets)
            {
                if (IsSameMention(source, t.Item1) || !IsOneState(source, t.Item1))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The last earlier event whose target has the code, or null.</summary>
        private static Event? LastTargeting(List<Event> earlier, string code)
        {
            for (var i = earlier.Count - 1; i >= 0; i--)
            {
                if (earlier[i].Target?.Actor.Code == code)
                {
                    return earlier[i];
                }
            }
            return null;
        }

        /// <summary>Whether a target is its own source: the same mention, a country acting on itself, a pronoun, a capital standing
        /// for the same government, or a second mention of it. Two bodies with the same code are not ("KPK menetapkan Gubernur
        /// Maluku Utara sebagai tersangka": IDNGOV → IDNGOV).</summary>
        private static bool IsSameActor(Entity source, Entity target) =>
            source == target || (source.Actor!.Code == target.Actor!.Code
                && (!target.Actor.HasRole || target.Mention == MentionKind.Pronoun || source.Mention == MentionKind.Pronoun
                    || source.Metonym || target.Metonym
                    || string.Equals(source.Actor.Name, target.Actor.Name, StringComparison.OrdinalIgnoreCase)))
            || IsOneState(source, target);

        private static bool IsSameMention(Entity a, Entity b) => a == b || a.Mention == MentionKind.Pronoun || b.Mention == MentionKind.Pronoun;

        /// <summary>"France ... alleging Paris played a role": a country and its capital standing for its government are one state.</summary>
        private static bool IsOneState(Entity a, Entity b) =>
            a.Actor!.Country is { } country && country == b.Actor!.Country && IsState(a) && IsState(b);

        /// <summary>A country's name, or a place name standing for its government ("Paris", "Moskow"): the state itself.</summary>
        private static bool IsState(Entity entity) => !entity.Actor!.HasRole || entity.Metonym;

        private Event Build(Trigger trigger, CameoCode code, (Entity Entity, int Start, int End) source, (Entity Entity, int Start, int End)? target,
            Modality modality, bool negated, string? attributedTo, int clauseStart, int clauseEnd)
        {
            var triggerStart = _tokens[trigger.Start].Start;
            var triggerEnd = _tokens[trigger.End - 1].End;
            var evidenceStart = Math.Min(triggerStart, Math.Min(source.Entity.Start, target?.Entity.Start ?? int.MaxValue));
            var evidenceEnd = Math.Max(triggerEnd, Math.Max(source.Entity.End, target?.Entity.End ?? 0));
            var (date, dateText, dateSource) = DateOf(trigger.Start, clauseStart, clauseEnd);
            var (place, placeText, placeSource) = PlaceOf(trigger, clauseStart, clauseEnd, source.Entity, target?.Entity);
            var sourceParticipant = Participant(source.Entity);
            if (source.Entity.Actor!.Country is null && IsVictimGroup(source.Entity) && placeSource == "phrase"
                && place?.Country is { } crowdPlace && !ActorLexiconIsInternational(source.Entity.Actor.Code))
            {
                // "Hundreds of thousands of people blocked streets in Hong Kong in defiance of Chinese authorities": people with no
                // country named are those of the place where they act.
                sourceParticipant = sourceParticipant with { Actor = WithCountry(sourceParticipant.Actor, crowdPlace) };
            }
            var targetParticipant = target is { } t ? Participant(t.Entity) : null;
            if (targetParticipant is not null && target!.Value.Entity.Actor!.Country is null
                && !ActorLexiconIsInternational(targetParticipant.Actor.Code)
                && (targetParticipant.Actor.Country == sourceParticipant.Actor.Country || targetParticipant.Actor.Country is null)
                && (placeSource == "phrase" || (placeSource == "sentence" && targetParticipant.Actor.Country is null))
                && place?.Country is { } placeCountry && placeCountry != sourceParticipant.Actor.Country
                && (IsVictimGroup(target.Value.Entity)
                    || NamesPlaceRightAfter(place, target.Value.End)))
            {
                // "Israeli strikes killed 20 people in Rafah", "four children were killed in Israeli shelling in the east of the Gaza
                // Strip": the people are those of the place named right after them, or of the place where civilians were hit, not
                // the attacker's.
                targetParticipant = targetParticipant with { Actor = WithCountry(targetParticipant.Actor, placeCountry) };
            }
            return new Event
            {
                // Numbered as it would be added (Emit runs right after Build): no copy of the event just to set its id.
                Id = $"e{_numbered + _result.Count + 1}",
                Sentence = _sentence.Index,
                EvidenceStart = evidenceStart,
                EvidenceEnd = evidenceEnd,
                TriggerStart = triggerStart,
                TriggerEnd = triggerEnd,
                Source = sourceParticipant,
                Target = targetParticipant,
                Cameo = code,
                Date = date,
                DateText = dateText,
                DateSource = dateSource,
                Place = place,
                PlaceText = placeText,
                PlaceSource = placeSource,
                Quantities = QuantitiesNear(clauseStart, clauseEnd),
                Modality = modality,
                Negated = negated,
                AttributedTo = attributedTo,
                Rule = trigger.Pattern.Rule,
            };
        }

        private bool NamesPlaceRightAfter(Place place, int end)
        {
            foreach (var n in _names)
            {
                if (n.Entity.Place == place && n.Start > end && n.Start <= end + 2)
                {
                    return true;
                }
            }
            return false;
        }

        private static Actor WithCountry(Actor actor, string country) =>
            actor with { Code = country + string.Concat(actor.Roles), Country = country };

        /// <summary>Token positions of the trigger's words (not its gaps): "operasi militer" in "memulai operasi militer" is the act, not an actor.</summary>
        private HashSet<int> WordPositions(Trigger trigger)
        {
            // One set for the coder: a trigger's word positions are read only while that trigger is coded.
            var positions = _triggerTokenSet;
            positions.Clear();
            for (var k = trigger.Start; k < trigger.End; k++)
            {
                if (k < trigger.SlotStart || k >= trigger.SlotEnd)
                {
                    foreach (var e in trigger.Pattern.Elements)
                    {
                        // A loop: a closure per word before.
                        if (e.Kind == PatternElementKind.Word && e.Accepts(_tokens[k]))
                        {
                            positions.Add(k);
                            break;
                        }
                    }
                }
            }
            return positions;
        }

        private Participant Participant(Entity entity)
        {
            var actor = entity.Actor!;
            // "the army", "opposition groups": a role without a country takes the one country the sentence names, if there is just one.
            if (actor.Country is null && actor.HasRole && !ActorLexiconIsInternational(actor.Code)
                && (SentenceCountry ?? (HasRoleIn(actor, _common.StateRoles) ? _mainPlace?.Country : null)) is { } country)
            {
                // With no country in the sentence, a state body ("Jaksa Agung", "the army") is that of the country the article is
                // about (its main place); groups of people (civilians, rebels) are not assumed to be.
                actor = actor.InCountry(country);
            }
            return new Participant(entity.Text, entity.Start, entity.End, actor);
        }

        private static bool ActorLexiconIsInternational(string code) => Actors.ActorLexicon.HasInternationalPrefix(code);

        /// <summary>The only country the sentence names (as a country, nationality or actor; failing that, as the country of its
        /// places), or null when it names none or several.</summary>
        private string? SentenceCountry
        {
            get
            {
                if (_sentenceCountry is null)
                {
                    // "Polisi menangkap tiga terduga teroris di Bekasi": with no country named, the places named say where the
                    // police are from.
                    _sentenceCountry = OnlyCountry(places: false) ?? OnlyCountry(places: true) ?? "";
                }
                return _sentenceCountry.Length == 0 ? null : _sentenceCountry;
            }
        }

        private string? _sentenceCountry;

        /// <summary>The one country the sentence's names have as actors (or as places): the country, "" when they have several,
        /// null when none. (Loops where a Where/Select/Distinct/ToList chain ran per sentence.)</summary>
        private string? OnlyCountry(bool places)
        {
            string? only = null;
            foreach (var e in _entities)
            {
                if (e.Mention == MentionKind.Name && (places ? e.Place?.Country : e.Actor?.Country) is { } country)
                {
                    if (only is not null && !string.Equals(only, country, StringComparison.Ordinal))
                    {
                        return "";
                    }
                    only = country;
                }
            }
            return only;
        }

        /// <summary>The subject: the first actor of the clause before the trigger that is not inside a prepositional phrase,
        /// with the actors coordinated with it ("Armenia dan Azerbaijan").</summary>
        private List<(Entity, int, int)> Subject(int clauseStart, int triggerStart)
        {
            // "Rusia, yang menyerang Ukraina": in a relative clause the subject is the noun the clause is attached to.
            if (clauseStart < _tokens.Length && _clauseWord[clauseStart] == "relative" && clauseStart > 0)
            {
                var antecedentEnd = _tokens[clauseStart - 1].Text == "," ? clauseStart - 1 : clauseStart;
                var antecedent = LastActorEndingAt(antecedentEnd);
                if (antecedent.Entity is not null)
                {
                    return [antecedent];
                }
            }
            // "Britain said Sudan attacked Chad", "Retno mengatakan Israel menyerang Gaza": in speech reported without "that"/"bahwa"
            // the subject is the reported clause's, after the report verb; the speaker only reports.
            if (ReportVerbEnd(clauseStart, triggerStart) is var reported and > 0 && reported > clauseStart)
            {
                if (Subject(reported, triggerStart) is { Count: > 0 } reportedSubject)
                {
                    return reportedSubject;
                }
                if (_clauseWord[triggerStart - 1] == "determiner")
                {
                    return []; // "Israel said a mortar bomb was fired at it": a noun opening the reported clause is not the speaker's act
                }
            }
            // Not an actor after a verb of the clause ("Police opened fire on the crowd in Cairo, killing ..."): that is its object.
            var firstVerb = int.MaxValue;
            foreach (var t in _triggers)
            {
                if (t.Start >= clauseStart && t.End <= triggerStart && IsVerb(_tokens[t.Start]) && t.Start < firstVerb)
                {
                    firstVerb = t.Start;
                }
            }
            // One pass over the actors, which are in start order (no candidate list, no closures: this runs for most triggers).
            (Entity Entity, int Start, int End) subject = default;
            (Entity Entity, int Start, int End) firstCandidate = default;
            foreach (var a in _actors)
            {
                if (a.Start >= clauseStart && a.End <= triggerStart && a.End <= firstVerb
                    && !IsInPrepositionalPhrase(a.Start) && !IsAttributionSpeaker(a.Start, a.End) && !AfterPlaceCue(a.Start)
                    && !IsPossessive(a))
                {
                    firstCandidate = firstCandidate.Entity is null ? a : firstCandidate;
                    // A named actor or one with a country first; a bare role ("the government", "congress") only when there is
                    // nothing else.
                    if (HasCountry(a.Entity))
                    {
                        subject = a;
                        break;
                    }
                }
            }
            if (subject.Entity is null)
            {
                subject = firstCandidate;
            }
            if (subject.Entity is not null)
            {
                return Group(subject);
            }
            // A comma before the trigger ("Israel, the Jewish state, attacked ..."): look past it when nothing was found.
            var soft = SoftClauseStart(clauseStart);
            if (soft < clauseStart)
            {
                return Subject(soft, clauseStart);
            }
            return [];
        }

        /// <summary>A possessive pronoun ("its partners", "their troops"): it owns the subject, it is not the subject.</summary>
        private bool IsPossessive((Entity Entity, int Start, int End) actor) =>
            actor.Entity.Mention == MentionKind.Pronoun && actor.End - actor.Start == 1 && _clauseWord[actor.Start] == "determiner";

        /// <summary>The one acted on by a participle without its auxiliary: the actor it describes, right before it ("civilians
        /// kidnapped by"), or nobody named ("victims killed by the crash"), never the sentence's subject.</summary>
        private List<(Entity, int, int)> ReducedPassiveHead(Trigger trigger) =>
            ActorEndingAt(trigger.Start) is { Entity: not null } head && !IsPossessive(head) ? Group(head) : [];

        /// <summary>The end of the last report verb ("said", "mengatakan") between a clause start and a trigger, or -1.</summary>
        private int ReportVerbEnd(int clauseStart, int triggerStart)
        {
            var end = -1;
            for (var k = Math.Max(0, clauseStart); k < triggerStart; k++)
            {
                // Not a word of a name: "The United States carried out ..." has no report verb "states".
                if (_attribution.TryMatch(_tokens, k, out var length, out var marker) && marker.Kind == "verb"
                    && marker.Position is "before" or "either" && k + length < triggerStart && !(_tokens[k].IsCapitalized && InsideName(k)))
                {
                    end = k + length;
                }
            }
            return end;
        }

        /// <summary>The object: actors after the trigger in its clause, those after a target marker first, those with a country
        /// before those without; places a role phrase points at come last.</summary>
        private List<(Entity, int, int)> Object(int triggerEnd, int windowStart, int clauseEnd, List<(Entity, int, int)> sources)
        {
            var limit = Math.Min(clauseEnd, windowStart + ObjectWindow);
            // Loops, not LINQ (this runs for most triggers): the actors are in start order, so the candidates come out in the order
            // an OrderBy by start gave them.
            var candidates = new List<(Entity Entity, int Start, int End)>();
            var marked = new List<(Entity Entity, int Start, int End)>();
            foreach (var a in _actors)
            {
                if (a.Start >= triggerEnd && a.End <= limit
                    && !OverlapsAnyOf(sources, a.Start, a.End) && !InsideTrigger(a.Start)
                    && !AfterMarkerKind(a.Start, "agent") && !IsAttributionSpeaker(a.Start, a.End))
                {
                    candidates.Add(a);
                    if (AfterMarkerKind(a.Start, "target") || AfterMarkerKind(a.Start, "partner"))
                    {
                        marked.Add(a);
                    }
                }
            }
            // A marked actor ("with Syria", "against Gaza") wins, unless an actor comes first right after the verb, as its object: "is
            // opposed to French mediation in talks with Syria" opposes France.
            var direct = candidates.Count > 0 && marked.Count > 0 && candidates[0].Start < marked[0].Start
                && candidates[0].Start - triggerEnd <= 1 && !AfterPlaceCue(candidates[0].Start);
            var pool = marked.Count > 0 && !direct && marked[0].Start - triggerEnd < 8 ? marked : candidates;
            // Actors with a country first; a place named after "di"/"in"/"at" only when nothing else is there ("to Russia" names a
            // recipient, not only a place); the source's own forces
            // named with a possessive ("kampanye militer negaranya", "its troops") only as a last resort.
            // The first actor with the least key, as OrderBy/ThenBy/FirstOrDefault picked it.
            (Entity Entity, int Start, int End) best = default;
            var bestKey = (0, 0, 0, 0);
            foreach (var a in pool)
            {
                var key = (OwnedBySource(a, sources) ? 1 : 0, _locatives.Before(_tokens, a.Start, 1, "at") ? 1 : 0,
                    HasCountry(a.Entity) ? 0 : 1, a.Start);
                if (best.Entity is null || key.CompareTo(bestKey) < 0)
                {
                    best = a;
                    bestKey = key;
                }
            }
            return best.Entity is null ? [] : Group(best);
        }

        private bool OnlyTitleWordsBetween(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                if (!_tokens[k].IsCapitalized && _tokens[k].Lower is not ("of" or "'s"))
                {
                    return false;
                }
            }
            return true;
        }

        private bool InsideTrigger(int start)
        {
            if (_triggerTokens is not { } t || !t.Contains(start))
            {
                return false;
            }
            foreach (var a in _actors)
            {
                if (a.Start == start && HasCountry(a.Entity))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>A place named as where something happens ("berunding di Muscat, Oman"), not a government named by its country.</summary>
        private static bool IsPlace(Entity entity) => entity.Type is EntityType.GPE or EntityType.LOC && !entity.Metonym;

        private static bool HasCountry(Entity entity) => entity.Actor?.Country is not null
            || (entity.Actor?.Code is { Length: >= 3 } code && Actors.ActorLexicon.HasInternationalPrefix(code));

        private bool OwnedBySource((Entity Entity, int Start, int End) candidate, List<(Entity, int, int)> sources)
        {
            var sameCountry = false;
            foreach (var s in sources)
            {
                if (s.Item1.Actor?.Country is { } country && candidate.Entity.Actor?.Country == country)
                {
                    sameCountry = true;
                    break;
                }
            }
            if (!sameCountry)
            {
                return false;
            }
            foreach (var e in _entities)
            {
                if (e.Mention == MentionKind.Pronoun && e.Start >= candidate.Entity.Start && e.End <= candidate.Entity.End)
                {
                    return true;
                }
            }
            return false;
        }

        private List<(Entity, int, int)> AfterMarker(int from, int clauseEnd, string kind)
        {
            // The first such actor in start order (the actors' order) and those listed with it; a loop, not a LINQ chain.
            foreach (var a in _actors)
            {
                if (a.Start >= from && a.Start < Math.Min(_tokens.Length, clauseEnd + 6) && !IsPossessive(a)
                    && AfterMarkerKind(a.Start, kind))
                {
                    return Group(a);
                }
            }
            return [];
        }

        /// <summary>The first actor of the main clause after a fronted phrase closed by a comma.</summary>
        private List<(Entity, int, int)> MainSubjectAfter(int from)
        {
            for (var k = from; k < _tokens.Length; k++)
            {
                if (_tokens[k].Text == ",")
                {
                    // Not an actor opening a relative clause ("to Afghanistan, where millions of people are at risk").
                    // The actors are in start order: the first after the comma has the least start, as OrderBy gave it.
                    (Entity Entity, int Start, int End) next = default;
                    foreach (var a in _actors)
                    {
                        if (a.Start > k)
                        {
                            next = a;
                            break;
                        }
                    }
                    return next.Entity is not null && next.Start <= k + 6 && !IsInPrepositionalPhrase(next.Start)
                        && !IsAttributionSpeaker(next.Start, next.End) && !AnyClauseWordBetween(k + 1, next.Start, "relative")
                        ? Group(next) : [];
                }
                if (IsHardBoundary(k))
                {
                    break;
                }
            }
            return [];
        }

        private bool AnyClauseWordBetween(int from, int to, string kind)
        {
            for (var j = from; j < to; j++)
            {
                if (_clauseWord[j] == kind)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The actor and those coordinated with it: "X dan Y", "X, Y dan Z", "X and Y" (also when the list starts before
        /// <paramref name="first"/>, as a comma can cut a clause in the middle of a list).</summary>
        private List<(Entity, int, int)> Group((Entity Entity, int Start, int End) first)
        {
            var group = new List<(Entity, int, int)> { first };
            var start = first.Start;
            while (start >= 2)
            {
                var k = start - 1;
                if (_clauseWord[k] == "determiner")
                {
                    k--;
                }
                if (k < 1 || !(_clauseWord[k] == "conjunction" || _tokens[k].Text == ","))
                {
                    break;
                }
                if (_clauseWord[k] == "conjunction" && _tokens[k - 1].Text == ",")
                {
                    k--; // Oxford comma: "the US, Russia, and Switzerland"
                }
                var previous = ActorEndingAt(k);
                if (previous.Entity is null || !IsListItem(previous.Start) || IsAttributionSpeaker(previous.Start, previous.End))
                {
                    break;
                }
                group.Insert(0, previous);
                start = previous.Start;
            }
            var end = first.End;
            while (end < _tokens.Length)
            {
                var joiner = _clauseWord[end] == "conjunction" || _tokens[end].Text == ",";
                if (!joiner)
                {
                    break;
                }
                var skip = end + 1;
                if (skip < _tokens.Length && _clauseWord[skip] == "conjunction")
                {
                    skip++;
                }
                if (skip < _tokens.Length && _clauseWord[skip] == "determiner")
                {
                    skip++;
                }
                var next = ActorStartingAt(skip);
                if (next.Entity is null || IsAttributionSpeaker(next.Start, next.End)
                    || ((StartsCoordinatedClause(end) || (_tokens[end].Text == "," && StartsCoordinatedClause(end + 1)))
                        && AnyTriggerEndsBy(first.Start)))
                {
                    break; // "Israel attacked Gaza and Hamas fired rockets": Hamas begins a clause of its own
                }
                group.Add(next);
                end = next.End;
            }
            return group;
        }

        /// <summary>An actor at the start of a clause or right after another list item, not after a preposition.</summary>
        private bool IsListItem(int start) => start == 0 || _tokens[start - 1].Text == "," || _clauseWord[start - 1] is "conjunction" or "determiner"
            || IsHardBoundary(start - 1);

        private List<(Entity, int, int)> ActorsIn(int start, int end)
        {
            // The first actor in the slot (the actors are in start order) and those listed with it.
            foreach (var a in _actors)
            {
                if (a.Start >= start && a.End <= end && !IsPossessive(a))
                {
                    return Group(a);
                }
            }
            return [];
        }

        // ---- clauses ----------------------------------------------------------------------------------------

        /// <summary>Whether a clause boundary stands in tokens <paramref name="from"/> up to (not including) <paramref name="to"/>.</summary>
        private bool HasHardBoundary(int from, int to)
        {
            for (var k = from; k < to; k++)
            {
                if (IsHardBoundary(k))
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsHardBoundary(int k) =>
            _tokens[k].Text is ";" or ":" || _clauseWord[k] is "complement" or "subordinate" or "coordinator";

        /// <summary>Clause start: after the nearest hard boundary (<c>bahwa</c>, <c>ketika</c>, <c>tetapi</c>, <c>;</c>) or comma.</summary>
        private int ClauseStart(int trigger)
        {
            for (var k = trigger - 1; k >= 0; k--)
            {
                if (IsHardBoundary(k) || _tokens[k].Text == "," || IsQuote(_tokens[k]) && k > 0 && _tokens[k - 1].Text == ","
                    || (StartsCoordinatedClause(k) && HasTriggerBefore(k)))
                {
                    return k + 1;
                }
            }
            return 0;
        }

        /// <summary>The clause start before a comma-bounded stretch, for subjects separated from their verb by an apposition.</summary>
        private int SoftClauseStart(int clauseStart)
        {
            if (clauseStart == 0 || _tokens[clauseStart - 1].Text != ",")
            {
                return clauseStart;
            }
            for (var k = clauseStart - 2; k >= 0; k--)
            {
                if (IsHardBoundary(k))
                {
                    return k + 1;
                }
            }
            return 0;
        }

        private int ClauseEndAfter(int from)
        {
            for (var k = from; k < _tokens.Length; k++)
            {
                if (IsHardBoundary(k) || _tokens[k].Text == ",")
                {
                    return k;
                }
            }
            return _tokens.Length;
        }

        private int ClauseEnd(int from)
        {
            for (var k = from; k < _tokens.Length; k++)
            {
                if (IsHardBoundary(k) || StartsCoordinatedClause(k))
                {
                    return k;
                }
            }
            return _tokens.Length;
        }

        /// <summary>Whether a trigger lies in the clause that ends at <paramref name="k"/> (computed once, not per trigger).</summary>
        private bool HasTriggerBefore(int k)
        {
            var start = ClauseStart(k);
            foreach (var t in _triggers)
            {
                if (t.End <= k && t.Start >= start)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>"and" or a comma opening a clause of its own: an actor and its verb follow ("Al-Shabaab claimed the attack, and
        /// el-Sisi condemned it", "Tembakkan Meriam Air ke Kapal Filipina, Menlu RI Serukan ..."), unlike "and" or a comma in a list
        /// of actors ("the US, Russia, and Switzerland").</summary>
        private bool StartsCoordinatedClause(int k)
        {
            if (_clauseWord[k] != "conjunction" && _tokens[k].Text != ",")
            {
                return false;
            }
            var next = k + 1 < _tokens.Length && _clauseWord[k + 1] == "determiner" ? k + 2 : k + 1;
            var actor = ActorStartingAt(next);
            return actor.Entity is not null && AnyTriggerStartsIn(actor.End, actor.End + 1);
        }

        /// <summary>True when the clause holding the trigger is the second of two verbs sharing a subject: "X menyatakan ... dan meminta ...".</summary>
        private bool ContinuesPreviousClause(int clauseStart, int trigger)
        {
            for (var k = trigger - 1; k >= Math.Max(0, clauseStart - 1); k--)
            {
                if (_clauseWord[k] is "conjunction" or "coordinator")
                {
                    return true;
                }
            }
            return false;
        }

        private bool IsInPrepositionalPhrase(int start)
        {
            for (var k = start - 1; k >= 0 && k >= start - 3; k--)
            {
                if (_clauseWord[k] is "agent" or "target" or "partner" or "source_prep" or "between" or "purpose")
                {
                    return true;
                }
                if (_tokens[k].Kind == TokenKind.Punctuation || _clauseWord[k] is not null)
                {
                    return false;
                }
            }
            return false;
        }

        private bool AfterMarkerKind(int start, string kind)
        {
            for (var k = start - 1; k >= 0 && k >= start - 3; k--)
            {
                if (_clauseWord[k] == kind)
                {
                    return true;
                }
                if (_clauseWord[k] == "determiner")
                {
                    continue; // "by the army", "from the United States"
                }
                if (_clauseWord[k] is not null || _tokens[k].Kind == TokenKind.Punctuation)
                {
                    return false;
                }
            }
            return false;
        }

        // ---- modality, negation, attribution --------------------------------------------------------------

        private (Modality Modality, bool Intent, bool Demand) ModalityOf(int trigger, int clauseStart)
        {
            var modality = Modality.Asserted;
            var intent = false;
            var demand = false;
            for (var k = 0; k < _tokens.Length; k++)
            {
                if (!_modality.TryMatch(_tokens, k, out var length, out var marker))
                {
                    continue;
                }
                if (marker.LowerOnly && _tokens[k].IsCapitalized)
                {
                    continue;
                }
                var applies = marker.Scope == "clause"
                    ? ConditionHosts(k, trigger)
                    : k >= Math.Max(0, clauseStart - 1) && k + length <= trigger;
                if (!applies)
                {
                    continue;
                }
                intent |= marker.Modality == Modality.Intended && marker.Scope != "clause" && !marker.KeepCode;
                demand |= marker.Demand;
                if (Rank(marker.Modality) > Rank(modality))
                {
                    modality = marker.Modality;
                }
            }
            return (modality, intent, demand);

            static int Rank(Modality m) => m switch
            {
                Modality.Conditional => 3,
                Modality.Hypothetical => 2,
                Modality.Intended => 1,
                _ => 0,
            };
        }

        private bool IsNegated(int trigger, int clauseStart)
        {
            for (var k = Math.Max(clauseStart, trigger - 4); k < trigger; k++)
            {
                // "tidak hanya ... tetapi juga", "not only": a conjunction, not a negation.
                if (_clauseWord[k] is not null)
                {
                    continue;
                }
                if (_negation.TryMatch(_tokens, k, out var length, out _) && k + length <= trigger)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>Who the sentence attributes the trigger's clause to: <c>Menurut X, ...</c>, <c>X mengatakan bahwa ...</c>,
        /// <c>..., kata X</c>, <c>..., X said</c>.</summary>
        /// <summary>Who reports the event: the speaker of an attribution around the trigger ("X said that ...", "according to
        /// X").</summary>
        private (Entity Entity, int Start, int End)? Speaker(int trigger)
        {
            for (var k = 0; k < _tokens.Length; k++)
            {
                if (!_attribution.TryMatch(_tokens, k, out var length, out var marker) || marker.Kind == "complement")
                {
                    continue;
                }
                var markerEnd = k + length;
                if (marker.Kind == "prep" && (trigger < k || trigger >= markerEnd))
                {
                    var speaker = NameOrActorAfterMarker(markerEnd);
                    var pronoun = speaker.Entity is null ? PronounAt(markerEnd) : null;
                    if (speaker.Entity is not null && !(trigger >= speaker.Start && trigger < speaker.End))
                    {
                        return speaker;
                    }
                    if (pronoun is not null)
                    {
                        return (pronoun, markerEnd, markerEnd + 1);
                    }
                    continue;
                }
                if (marker.Kind != "verb")
                {
                    continue;
                }
                // The speaker before the verb reports what follows it: "X mengatakan bahwa ...", "X said that ...".
                if (trigger >= markerEnd && marker.Position is "before" or "either")
                {
                    // An actor first ("British Foreign Secretary Jack Straw said": Straw, not the nationality of his title).
                    var clause = ClauseStart(k);
                    var speaker = FirstActorBetween(clause, k);
                    if (speaker.Entity is null)
                    {
                        speaker = FirstNameBetween(clause, k);
                    }
                    if (speaker.Entity is not null && ReportsClause(markerEnd, trigger))
                    {
                        return speaker;
                    }
                }
                // The speaker after the verb (or before it, English) reports what came before: "..., kata X", "..., X said".
                if (trigger < k && k > 0 && (_tokens[k - 1].Text is "," or "\"" or "\u201D" || marker.Position is "before" or "either"))
                {
                    // "..., kata Presiden Recep Tayyip Erdogan": a title may stand between the verb and the speaker.
                    var after = FirstPersonOrOrgAfter(markerEnd);
                    if (after.Entity is null)
                    {
                        after = FirstNameOrActorAt(markerEnd);
                    }
                    var before = NameOrActorEndingBefore(k);
                    var speaker = marker.Position is "after" or "either" && after.Entity is not null ? after : before;
                    if (speaker.Entity is not null && trigger < speaker.Start && TriggerBeforeComma(trigger, speaker.Start))
                    {
                        return speaker;
                    }
                }
            }
            return null;
        }

        // The speaker searches over the names and then the actors (as _names.Concat(_actors) was searched), as loops: with LINQ, every
        // token Speaker looked at allocated a closure. "First" is in that order; among equal keys the first one wins, as OrderBy did.

        private (Entity Entity, int Start, int End) NameOrActorAfterMarker(int markerEnd)
        {
            foreach (var a in _names)
            {
                if (a.Start == markerEnd || (a.Start == markerEnd + 1 && _tokens[markerEnd].Lower is "the"))
                {
                    return a;
                }
            }
            foreach (var a in _actors)
            {
                if (a.Start == markerEnd || (a.Start == markerEnd + 1 && _tokens[markerEnd].Lower is "the"))
                {
                    return a;
                }
            }
            return default;
        }

        private (Entity Entity, int Start, int End) FirstActorBetween(int clause, int k)
        {
            // The actors are in start order: the first that passes has the least start.
            foreach (var a in _actors)
            {
                if (a.End <= k && a.Start >= clause && !IsInPrepositionalPhrase(a.Start))
                {
                    return a;
                }
            }
            return default;
        }

        private (Entity Entity, int Start, int End) FirstNameBetween(int clause, int k)
        {
            (Entity Entity, int Start, int End) first = default;
            foreach (var a in _names)
            {
                if (a.End <= k && a.Start >= clause && (first.Entity is null || a.Start < first.Start))
                {
                    first = a;
                }
            }
            return first;
        }

        private (Entity Entity, int Start, int End) FirstPersonOrOrgAfter(int markerEnd)
        {
            (Entity Entity, int Start, int End) first = default;
            foreach (var list in (ReadOnlySpan<List<(Entity Entity, int Start, int End)>>)[_names, _actors])
            {
                foreach (var a in list)
                {
                    if (a.Start >= markerEnd && a.Start <= markerEnd + 4 && a.Entity.Type is EntityType.PERSON or EntityType.ORG
                        && (first.Entity is null || a.Start < first.Start))
                    {
                        first = a;
                    }
                }
            }
            return first;
        }

        private (Entity Entity, int Start, int End) FirstNameOrActorAt(int start)
        {
            foreach (var a in _names)
            {
                if (a.Start == start)
                {
                    return a;
                }
            }
            return ActorStartingAt(start);
        }

        private (Entity Entity, int Start, int End) NameOrActorEndingBefore(int k)
        {
            (Entity Entity, int Start, int End) last = default;
            foreach (var list in (ReadOnlySpan<List<(Entity Entity, int Start, int End)>>)[_names, _actors])
            {
                foreach (var a in list)
                {
                    if ((a.End == k || a.End == k - 1) && (last.Entity is null || a.End > last.End))
                    {
                        last = a;
                    }
                }
            }
            return last;
        }

        private bool ReportsClause(int markerEnd, int trigger)
        {
            for (var k = markerEnd; k < trigger; k++)
            {
                if (_tokens[k].Text is "." or ";")
                {
                    return false;
                }
            }
            return true;
        }

        private bool TriggerBeforeComma(int trigger, int speakerStart)
        {
            for (var k = trigger; k < speakerStart; k++)
            {
                if (_tokens[k].Text is "," or "\"" or "\u201D")
                {
                    return true;
                }
            }
            return false;
        }

        private Entity? PronounAt(int start)
        {
            foreach (var e in _entities)
            {
                if (e.Mention == MentionKind.Pronoun && TokenRange(e.Start, e.End).Start == start)
                {
                    return e;
                }
            }
            return null;
        }

        /// <summary>Whether the actor is who reports the claim rather than a party to it: <c>according to (the) X, ...</c>,
        /// <c>..., (the) X said</c>.</summary>
        private bool IsAttributionSpeaker(int start, int end)
        {
            var before = start > 0 && _clauseWord[start - 1] == "determiner" ? start - 1 : start;
            for (var k = before - 1; k >= 0 && k >= before - 2; k--)
            {
                if (_attribution.TryMatch(_tokens, k, out var length, out var marker) && marker.Kind == "prep" && k + length == before)
                {
                    return true;
                }
            }
            // A trailing speaker: a comma before it, a report verb right after it ("..., the Lebanese Health Ministry said.").
            return before > 0 && _tokens[before - 1].Text == "," && end < _tokens.Length
                && _attribution.TryMatch(_tokens, end, out _, out var verb) && verb.Kind == "verb" && verb.Position is "before" or "either";
        }

        private string NameOf(Entity entity) =>
            entity.Mention == MentionKind.Pronoun && entity.Actor is { } actor ? actor.Name
            : entity.Type == EntityType.PERSON && entity.Actor?.Name is { Length: > 0 } name && name.Length > entity.Text.Length ? name
            : entity.Text;

        // ---- date, place, quantities ----------------------------------------------------------------------

        private (string? Date, string? Text, string Source) DateOf(int trigger, int clauseStart, int clauseEnd)
        {
            var triggerPosition = _tokens[trigger].Start;
            var clauseFrom = _tokens[Math.Min(clauseStart, _tokens.Length - 1)].Start;
            var clauseTo = clauseEnd >= _tokens.Length ? _sentence.End : _tokens[clauseEnd].Start;
            // One loop over the sentence's dates (this runs for every event): the nearest in the clause and the nearest in the sentence,
            // the first of equally near ones, as OrderBy/FirstOrDefault picked them.
            Entity? inClause = null;
            Entity? inSentence = null;
            foreach (var d in _entities)
            {
                if (!(d.Type == EntityType.DATE && d.Time?.Value is { } v && !v.StartsWith('P')))
                {
                    continue;
                }
                var distance = Math.Abs(d.Start - triggerPosition);
                if (inSentence is null || distance < Math.Abs(inSentence.Start - triggerPosition))
                {
                    inSentence = d;
                }
                if (d.Start >= clauseFrom && d.End <= clauseTo
                    && (inClause is null || distance < Math.Abs(inClause.Start - triggerPosition)))
                {
                    inClause = d;
                }
            }
            if (inClause is not null)
            {
                return (inClause.Time!.Value, inClause.Text, "clause");
            }
            if (inSentence is not null)
            {
                return (inSentence.Time!.Value, inSentence.Text, "sentence");
            }
            if (_document.Published is { } published)
            {
                return (published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null,
                    _document.PublishedSource == "dateline" ? "dateline" : "published");
            }
            return (null, null, "none");
        }

        private (Place? Place, string? Text, string Source) PlaceOf(Trigger trigger, int clauseStart, int clauseEnd, Entity source, Entity? target)
        {
            // Loops over the named places (this runs for every event); of equal keys the first wins, as with OrderBy/FirstOrDefault.
            // The location phrase governing the trigger: "di Nagorno-Karabakh", "in Gaza", "dari wilayah ...".
            (Entity Entity, int Start, int End) phrase = default;
            foreach (var p in _names)
            {
                if (IsNamedPlace(p) && p.Start >= trigger.End && p.Start <= Math.Min(_tokens.Length, clauseEnd + 8)
                    && (AfterPlaceCue(p.Start) || _locatives.AfterPlaceNounOf(_tokens, p.Start)) && (phrase.Entity is null || p.Start < phrase.Start))
                {
                    phrase = p;
                }
            }
            if (phrase.Entity is null)
            {
                foreach (var p in _names)
                {
                    if (IsNamedPlace(p) && p.End <= trigger.Start && p.Start >= clauseStart && AfterPlaceCue(p.Start)
                        && (phrase.Entity is null || p.Start > phrase.Start))
                    {
                        phrase = p;
                    }
                }
            }
            if (phrase.Entity is not null)
            {
                return (phrase.Entity.Place, phrase.Entity.Text, "phrase");
            }
            // A place acted on ("memblokir Koridor Lachin", "shelled the Gaza Strip") is where it happened, unless it is a whole country.
            if (target?.Place is { Feature: not "country" } actedOn && target.Actor?.Roles.IsEmpty != false)
            {
                return (actedOn, target.Text, "target");
            }
            (Entity Entity, int Start, int End) other = default;
            foreach (var p in _names)
            {
                if (IsNamedPlace(p) && p.Entity != source && p.Entity != target && !IsActorArgument(p.Entity, source, target)
                    && (other.Entity is null || Math.Abs(p.Start - trigger.Start) < Math.Abs(other.Start - trigger.Start)))
                {
                    other = p;
                }
            }
            if (other.Entity is not null)
            {
                return (other.Entity.Place, other.Entity.Text, "sentence");
            }
            if (target?.Place is { } targetPlace && target.Actor?.Roles.IsEmpty != false)
            {
                return (targetPlace, target.Text, "sentence");
            }
            return _mainPlace is null ? (null, null, "none") : (_mainPlace, null, "document");
        }

        private static bool IsNamedPlace((Entity Entity, int Start, int End) n) =>
            n.Entity.Place is not null && n.Entity.Type is EntityType.GPE or EntityType.LOC;

        private static bool IsActorArgument(Entity place, Entity source, Entity? target) =>
            (place.Start >= source.Start && place.End <= source.End) || (target is not null && place.Start >= target.Start && place.End <= target.End);

        private bool AfterPlaceCue(int start) => _locatives.Before(_tokens, start, 1, "at", "place");

        private ImmutableArray<Entity> QuantitiesNear(int clauseStart, int clauseEnd)
        {
            var from = _tokens[Math.Min(clauseStart, _tokens.Length - 1)].Start;
            var to = clauseEnd >= _tokens.Length ? _sentence.End : _tokens[clauseEnd].Start;
            // A loop (this runs for every event): the same entities in the same order as the Where it replaces, and no builder for
            // the usual event without a quantity.
            ImmutableArray<Entity>.Builder? quantities = null;
            foreach (var e in _entities)
            {
                if (e.Type == EntityType.QUANTITY && e.Start >= from && e.End <= to)
                {
                    (quantities ??= ImmutableArray.CreateBuilder<Entity>()).Add(e);
                }
            }
            return quantities is null ? [] : quantities.ToImmutable();
        }

        // ---- helpers ----------------------------------------------------------------------------------------

        private bool InsideName(int i)
        {
            // Called for every word of the sentence: plain loops, no closure per call.
            foreach (var n in _names)
            {
                if (n.Start <= i && i < n.End && n.Entity.Mention == MentionKind.Name && n.Entity.Type is EntityType.PERSON or EntityType.ORG or EntityType.GPE or EntityType.LOC)
                {
                    return true;
                }
            }
            foreach (var e in _entities)
            {
                if (e.Type is EntityType.TIME or EntityType.DATE && e.Start <= _tokens[i].Start && _tokens[i].End <= e.End)
                {
                    return true;
                }
            }
            return false;
        }

        private static bool IsQuote(Token token) => token.Text is "\"" or "\u201C" or "\u201D" or "'" or "\u2018" or "\u2019";

        /// <summary>The sentence's tokens that the characters from <paramref name="start"/> to <paramref name="end"/> overlap, as a range of
        /// token indexes; (−1, −1) when none.</summary>
        /// <remarks>Tokens are in text order and do not overlap, so their starts and their ends both rise: each end of the range is
        /// found by binary search. A scan of the whole sentence for every entity showed in the profile of <see cref="Start"/>.</remarks>
        private (int Start, int End) TokenRange(int start, int end)
        {
            // The first token ending after start, and the first starting at or after end (one past the last starting before it).
            int low = 0, high = _tokens.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_tokens[middle].End > start)
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }
            var first = low;
            high = _tokens.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (_tokens[middle].Start < end)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            return first == _tokens.Length || low <= first ? (-1, -1) : (first, low);
        }

        // Searches of the actors and triggers, by token, by entity or per trigger (Code, clause bounds, lists, noun phrases), kept
        // together: loops, where a LINQ search allocated a closure on every call.

        /// <summary>The actors whose entity starts at a character offset, in order.</summary>
        private List<(Entity, int, int)> ActorsOfEntityAt(int start)
        {
            var found = new List<(Entity, int, int)>();
            foreach (var a in _actors)
            {
                if (a.Entity.Start == start)
                {
                    found.Add(a);
                }
            }
            return found;
        }

        /// <summary>The first actor whose entity starts at a character offset, or none.</summary>
        private (Entity Entity, int Start, int End) FirstActorOfEntityAt(int start)
        {
            foreach (var a in _actors)
            {
                if (a.Entity.Start == start)
                {
                    return a;
                }
            }
            return default;
        }

        /// <summary>The first actor of an entity (record equality, as <c>==</c> compared them), or none.</summary>
        private (Entity Entity, int Start, int End) FirstActorOf(Entity entity)
        {
            foreach (var a in _actors)
            {
                if (a.Entity == entity)
                {
                    return a;
                }
            }
            return default;
        }

        /// <summary>The last actor that ends at a token, or none.</summary>
        private (Entity Entity, int Start, int End) LastActorEndingAt(int end)
        {
            (Entity Entity, int Start, int End) last = default;
            foreach (var a in _actors)
            {
                if (a.End == end)
                {
                    last = a;
                }
            }
            return last;
        }

        /// <summary>Whether an actor ends at a token (a nationality not counted when <paramref name="exceptNationality"/>).</summary>
        private bool AnyActorEndingAt(int end, bool exceptNationality)
        {
            foreach (var a in _actors)
            {
                if (a.End == end && !(exceptNationality && a.Entity.Type == EntityType.NORP))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The first actor that starts at a token, or none.</summary>
        private (Entity Entity, int Start, int End) ActorStartingAt(int start)
        {
            foreach (var a in _actors)
            {
                if (a.Start == start)
                {
                    return a;
                }
            }
            return default;
        }

        /// <summary>The first actor that ends at a token, or none.</summary>
        private (Entity Entity, int Start, int End) ActorEndingAt(int end)
        {
            foreach (var a in _actors)
            {
                if (a.End == end)
                {
                    return a;
                }
            }
            return default;
        }

        /// <summary>The first actor whose tokens include a token, or none.</summary>
        private (Entity Entity, int Start, int End) ActorCovering(int k)
        {
            foreach (var a in _actors)
            {
                if (a.Start <= k && k < a.End)
                {
                    return a;
                }
            }
            return default;
        }

        /// <summary>Whether an actor of a list covers part of the tokens from <paramref name="start"/> to <paramref name="end"/>.</summary>
        private static bool OverlapsAnyOf(List<(Entity, int, int)> actors, int start, int end)
        {
            foreach (var s in actors)
            {
                if (s.Item2 < end && start < s.Item3)
                {
                    return true;
                }
            }
            return false;
        }

        private bool AnyTriggerStartsIn(int from, int to)
        {
            foreach (var t in _triggers)
            {
                if (t.Start >= from && t.Start <= to)
                {
                    return true;
                }
            }
            return false;
        }

        private bool AnyTriggerEndsBy(int k)
        {
            foreach (var t in _triggers)
            {
                if (t.End <= k)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
