using System.Globalization;
using System.Runtime.InteropServices;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Pipeline;
using Kabar.Quantities;

namespace Kabar.Time;

/// <summary>
/// Finds date and time expressions and normalises them against the publication date (TIMEX3-like values):
/// full and partial dates, numeric dates, weekdays, relative expressions (<c>kemarin</c>, <c>three days ago</c>),
/// parts of day, ranges, durations and clock times with zones. Without a publication date, values keep only what
/// the text says (<c>--09-20</c>) and relative expressions stay unresolved; a year is never guessed.
/// </summary>
/// <remarks>The words come from each language's <c>time/</c> folder; the grammar of dates here is shared. Thread-safe.</remarks>
public sealed class TimeTagger(IReadOnlyDictionary<string, (TimeLexicon Time, NumberLexicon Numbers)> languages) : IStage
{
    /// <inheritdoc />
    public string Name => "time";

    /// <inheritdoc />
    public IReadOnlyList<string> Requires { get; } = ["tokens", "published"];

    /// <inheritdoc />
    public IReadOnlyList<string> Assigns { get; } = ["entities:DATE", "entities:TIME"];

    /// <inheritdoc />
    public Document Run(Document document, CancellationToken cancellationToken)
    {
        if (!languages.TryGetValue(document.Language, out var lexicons))
        {
            return document;
        }
        // An implausible date (0001-01-01 from a page's JSON-LD) anchors nothing: it is treated as absent.
        var published = PublicationDate.OrNull(document.Published);
        // The first sentences as the dateline search tagged them, with no anchor: when it finds no date, tagging them again with
        // no anchor would give the same (every sentence of a one-sentence JSON Lines record was tagged twice).
        List<List<Entity>>? taggedWithoutAnchor = null;
        if (published is null)
        {
            taggedWithoutAnchor = [];
            if (DatelineDate(document, lexicons.Time, lexicons.Numbers, taggedWithoutAnchor) is { } anchor && PublicationDate.IsPlausible(anchor))
            {
                // "JAKARTA, KOMPAS.com - ... Senin (18/9/2023)": a full date at the top of the article anchors the rest.
                document = document with { Published = anchor, PublishedSource = "dateline" };
                published = anchor;
                taggedWithoutAnchor = null; // relative dates now resolve against the anchor: tagged again
            }
        }
        List<Entity>? found = null;
        var index = 0;
        foreach (var sentence in document.Sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (taggedWithoutAnchor is not null && index < taggedWithoutAnchor.Count)
            {
                if (taggedWithoutAnchor[index].Count > 0)
                {
                    (found ??= []).AddRange(taggedWithoutAnchor[index]);
                }
            }
            else
            {
                TagSentence(document, sentence, lexicons.Time, lexicons.Numbers, published, ref found);
            }
            index++;
        }
        return found is null ? document : document with { Entities = document.Entities.AddRange(CollectionsMarshal.AsSpan(found)) };
    }

    /// <summary>Characters at the top of an article where a dateline date may stand.</summary>
    private const int DatelineReach = 400;

    /// <summary>A complete date (with its year) written in the dateline or first sentence, or null. <paramref name="tagged"/> gets
    /// the expressions of each sentence read, in order, tagged with no anchor.</summary>
    private static DateOnly? DatelineDate(Document document, TimeLexicon lexicon, NumberLexicon numbers, List<List<Entity>> tagged)
    {
        foreach (var sentence in document.Sentences)
        {
            if (sentence.Start > DatelineReach)
            {
                break;
            }
            var expressions = TagSentence(document, sentence, lexicon, numbers, anchor: null);
            tagged.Add(expressions);
            foreach (var entity in expressions)
            {
                if (entity.Start <= DatelineReach && entity.Time is { Relative: false, Value: { Length: >= 10 } value } && char.IsDigit(value[0])
                    && DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return date;
                }
            }
        }
        return null;
    }

    /// <summary>Date and time expressions of one sentence.</summary>
    public static List<Entity> TagSentence(Document document, Sentence sentence, TimeLexicon lexicon, NumberLexicon numbers, DateOnly? anchor)
    {
        List<Entity>? found = null;
        TagSentence(document, sentence, lexicon, numbers, anchor, ref found);
        return found ?? [];
    }

    /// <summary>Adds the date and time expressions of one sentence to <paramref name="found"/>, which is made on the first one: most
    /// sentences have none.</summary>
    private static void TagSentence(Document document, Sentence sentence, TimeLexicon lexicon, NumberLexicon numbers, DateOnly? anchor,
        ref List<Entity>? found)
    {
        var tokens = document.TokensOf(sentence);
        var leads = lexicon.LeadWords;
        var reader = new Reader(tokens, lexicon, numbers, anchor);
        List<TimeMatch>? matches = null;
        var i = 0;
        while (i < tokens.Length)
        {
            if (!MayStart(tokens[i], leads) || reader.Match(i) is not { } match)
            {
                i++;
                continue;
            }
            (matches ??= []).Add(match);
            i = match.Start + match.Length;
        }
        if (matches is null)
        {
            return;
        }
        matches = reader.Combine(matches);
        var result = found ??= [];
        foreach (var m in matches)
        {
            var start = tokens[m.Start].Start;
            var end = tokens[m.Start + m.Length - 1].End;
            result.Add(new Entity(start, end, document.Text[start..end], m.Type, sentence.Index)
            {
                Time = new TimeValue(m.Value, m.Precision, m.Mod, m.Relative, m.Future),
                Rule = "time:" + m.Rule,
            });
        }
    }

    /// <summary>False when no expression can start at the token (see <see cref="TimeLexicon.LeadWords"/>), which is most tokens: the
    /// reader would try a dozen rules on it, each failing on a lookup of its own.</summary>
    private static bool MayStart(in Token token, WordSet leads)
    {
        if (leads.MayLead(in token))
        {
            return true;
        }
        // "Sept.", "Jan.": a lead word with its abbreviation's dots.
        var lower = token.Lower;
        return lower.EndsWith('.') && leads.Contains(lower.AsSpan().TrimEnd('.'));
    }

    /// <summary>One recognised expression, in token positions of the sentence.</summary>
    private readonly record struct TimeMatch(
        int Start,
        int Length,
        EntityType Type,
        string? Value,
        string Precision,
        string Rule,
        string? Mod = null,
        bool Relative = false,
        bool Future = false);

    /// <summary>A partly known calendar date: what the text said, before resolution.</summary>
    private readonly record struct PartialDate(int? Year, int Month, int? Day);

    private readonly ref struct Reader(ReadOnlySpan<Token> tokens, TimeLexicon lexicon, NumberLexicon numbers, DateOnly? anchor)
    {
        private readonly ReadOnlySpan<Token> _tokens = tokens;

        /// <summary>Whether a word of the sentence speaks of the future (<c>akan</c>, <c>will</c>): then a weekday alone is the next
        /// one, not the last. Asked only when a weekday is read, not by every sentence beforehand (a walk over all its tokens).</summary>
        private bool SpeaksOfFuture()
        {
            foreach (ref readonly var token in _tokens)
            {
                if (lexicon.FutureFilter.Contains(in token))
                {
                    return true;
                }
            }
            return false;
        }

        public TimeMatch? Match(int i)
        {
            var modified = Modified(i);
            var core = Core(i, cued: null);
            if (modified is null || core is null)
            {
                return modified ?? core;
            }
            // "akhir pekan lalu" is one relative expression (a weekend), not "akhir" + "pekan lalu".
            return core.Value.Length >= modified.Value.Length ? core : modified;
        }

        private bool IsCue(int index) =>
            index >= 0 && (lexicon.DateCues.Contains(_tokens[index].Lower) || lexicon.Modifiers.StartsWith(_tokens[index].Lower));

        /// <summary><c>sejak Desember 2022</c>, <c>selama tiga hari</c>, <c>awal September</c>, <c>akhir tahun lalu</c>.</summary>
        private TimeMatch? Modified(int i)
        {
            if (!lexicon.Modifiers.TryMatch(_tokens, i, out var length, out var mod))
            {
                return null;
            }
            var inner = i + length;
            // Date nouns between the modifier and the date: sejak tanggal 19 September, awal bulan lalu.
            while (inner < _tokens.Length && lexicon.DateCues.Contains(_tokens[inner].Lower) && !lexicon.Relative.StartsWith(_tokens[inner].Lower))
            {
                inner++;
            }
            if (inner >= _tokens.Length)
            {
                // The modifier ends the sentence ("retire early", "iOS 12 or late"): nothing after it to shape.
                return null;
            }
            if (mod == "duration")
            {
                var duration = Duration(inner);
                return duration is null ? null : duration.Value with { Start = i, Length = duration.Value.Start + duration.Value.Length - i };
            }
            var core = Core(inner, cued: true);
            if (core is null)
            {
                return null;
            }
            var c = core.Value;
            var value = c.Value;
            if (mod is "start" or "mid" or "end" && value is not null && c.Precision == "day")
            {
                // "awal" before a full day says nothing more.
                mod = null;
            }
            return c with { Start = i, Length = c.Start + c.Length - i, Mod = mod, Rule = "modifier+" + c.Rule };
        }

        /// <param name="i">The token the expression would start at.</param>
        /// <param name="cued">Whether a date word or modifier comes before it; null to ask the token before only when a reader needs
        /// to know (a year or a month alone), not for every token that may start an expression.</param>
        private TimeMatch? Core(int i, bool? cued)
        {
            if (i >= _tokens.Length)
            {
                return null;
            }
            var token = _tokens[i];
            if (token.Kind == TokenKind.Number || (token.Text.Length > 0 && char.IsDigit(token.Text[0])))
            {
                return NumericDate(i) ?? DatelineDate(i) ?? YearRange(i) ?? DayMonth(i) ?? Clock(i) ?? Ago(i) ?? ((cued ?? IsCue(i - 1)) ? Year(i) : null);
            }
            if (token.Kind != TokenKind.Word)
            {
                return null;
            }
            return PrefixDirected(i) ?? Relative(i) ?? Weekday(i) ?? MonthFirst(i, cued) ?? Ago(i) ?? Clock(i) ?? Hyphenated(i);
        }

        // ----- numeric forms -------------------------------------------------------------------------------

        private TimeMatch? NumericDate(int i)
        {
            var text = _tokens[i].Text;
            if (text.Length == 10 && text[4] == '-' && text[7] == '-'
                && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                return new TimeMatch(i, 1, EntityType.DATE, Format(iso), "day", "iso");
            }
            var separator = text.Contains('/', StringComparison.Ordinal) ? '/' : text.AsSpan().Count('-') == 2 ? '-' : '\0';
            if (separator == '\0')
            {
                return null;
            }
            var parts = text.Split(separator);
            if (parts.Length != 3 || parts[2].Length is not (2 or 4))
            {
                return null;
            }
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b)
                || !int.TryParse(parts[2], CultureInfo.InvariantCulture, out var year))
            {
                return null;
            }
            year = parts[2].Length == 2 ? 2000 + year : year;
            var (day, month) = DayAndMonth(a, b);
            return IsValid(year, month, day)
                ? new TimeMatch(i, 1, EntityType.DATE, Format(new DateOnly(year, month, day)), "day", "numeric")
                : null;
        }

        /// <summary><c>20 September 2023</c>, <c>20 September</c>, <c>19-20 September</c>, <c>19 hingga 21 September</c>.</summary>
        private TimeMatch? DayMonth(int i)
        {
            if (!TryDay(_tokens[i].Text, out var day, out var rangeEnd))
            {
                return null;
            }
            var next = i + 1;
            if (rangeEnd is null && next + 1 < _tokens.Length && IsJoiner(next) && TryDay(_tokens[next + 1].Text, out var second, out _))
            {
                if (next + 2 < _tokens.Length && MonthAt(next + 2) is not null)
                {
                    rangeEnd = second;
                    next += 2;
                }
            }
            var monthInfo = MonthAt(next);
            if (monthInfo is null)
            {
                return null;
            }
            var (month, monthLength) = monthInfo.Value;
            var end = next + monthLength;
            int? year = null;
            if (end < _tokens.Length && TryYear(end, out var y))
            {
                year = y;
                end++;
            }
            if (rangeEnd is { } last)
            {
                var from = Resolve(new PartialDate(year, month, day));
                var to = Resolve(new PartialDate(year, month, last));
                return new TimeMatch(i, end - i, EntityType.DATE, Range(from, to), "range", "day-range-month");
            }
            var value = Resolve(new PartialDate(year, month, day));
            return value is null && year is null && anchor is null && !IsValid(2000, month, day)
                ? null
                : new TimeMatch(i, end - i, EntityType.DATE, value, "day", year is null ? "day-month" : "day-month-year");
        }

        /// <summary><c>September 20, 2023</c>, <c>Sept. 19 to 21</c>, <c>Desember 2022</c>, <c>pada bulan Desember</c>.</summary>
        private TimeMatch? MonthFirst(int i, bool? cued)
        {
            var monthInfo = MonthAt(i);
            if (monthInfo is null)
            {
                return null;
            }
            var (month, length) = monthInfo.Value;
            var next = i + length;
            if (next < _tokens.Length && TryDay(_tokens[next].Text, out var day, out var rangeEnd) && !LooksLikeYear(next))
            {
                var end = next + 1;
                // Ordinal suffix written apart: September 20 th.
                if (end < _tokens.Length && _tokens[end].Lower is "st" or "nd" or "rd" or "th")
                {
                    end++;
                }
                if (rangeEnd is null && end + 1 < _tokens.Length && IsJoiner(end) && TryDay(_tokens[end + 1].Text, out var second, out _))
                {
                    rangeEnd = second;
                    end += 2;
                }
                int? year = null;
                var yearAt = end < _tokens.Length && _tokens[end].Text == "," ? end + 1 : end;
                if (yearAt < _tokens.Length && TryYear(yearAt, out var y))
                {
                    year = y;
                    end = yearAt + 1;
                }
                if (rangeEnd is { } last)
                {
                    return new TimeMatch(i, end - i, EntityType.DATE,
                        Range(Resolve(new PartialDate(year, month, day)), Resolve(new PartialDate(year, month, last))), "range", "month-day-range");
                }
                return new TimeMatch(i, end - i, EntityType.DATE, Resolve(new PartialDate(year, month, day)), "day",
                    year is null ? "month-day" : "month-day-year");
            }
            if (next < _tokens.Length && TryYear(next, out var onlyYear))
            {
                return new TimeMatch(i, next + 1 - i, EntityType.DATE, $"{onlyYear:D4}-{month:D2}", "month", "month-year");
            }
            if (next < _tokens.Length && MonthWordAt(i) is { Word.Alone: true } && lexicon.Directions.TryMatch(_tokens, next, out var directionLength, out var direction))
            {
                // "Maret lalu", "Januari mendatang": a month pointed back or ahead from the anchor.
                return new TimeMatch(i, next + directionLength - i, EntityType.DATE, DirectedMonth(month, direction), "month", "month+direction",
                    Relative: true, Future: direction == "future");
            }
            if (!(cued ?? IsCue(i - 1)) || MonthWordAt(i) is not { Word.Alone: true })
            {
                return null;
            }
            return new TimeMatch(i, length, EntityType.DATE, ResolveMonth(month), "month", "month");
        }

        private TimeMatch? Year(int i)
        {
            return TryYear(i, out var year) ? new TimeMatch(i, 1, EntityType.DATE, $"{year:D4}", "year", "year") : null;
        }

        // ----- weekdays and relative expressions ----------------------------------------------------------

        /// <summary><c>Senin</c>, <c>Senin malam</c>, <c>Senin (18/9/2023)</c>, <c>Kamis (21/9) malam</c>, <c>Tuesday night</c>.</summary>
        private TimeMatch? Weekday(int i)
        {
            var token = _tokens[i];
            if (!token.IsCapitalized || !lexicon.Weekdays.TryGetValue(token.Lower.TrimEnd('.'), out var weekday))
            {
                return null;
            }
            // "Minggu" after a number is a week: dua Minggu.
            if (i > 0 && _tokens[i - 1].Kind == TokenKind.Number)
            {
                return null;
            }
            var end = i + 1;
            string? value = null;
            var rule = "weekday";
            // Explicit date in brackets, Indonesian news style: Senin (18/9/2023), Kamis (21/9).
            if (end + 2 < _tokens.Length && _tokens[end].Text == "(" && _tokens[end + 2].Text == ")"
                && ParseBracketDate(_tokens[end + 1].Text) is { } bracketed)
            {
                value = Resolve(bracketed);
                end += 3;
                rule = "weekday-bracket-date";
            }
            else if (end < _tokens.Length && (_tokens[end].Text == "," || _tokens[end].Kind == TokenKind.Number || MonthAt(end) is not null))
            {
                // Senin, 18 September 2023 / Tuesday, Sept. 19
                var at = _tokens[end].Text == "," ? end + 1 : end;
                var full = at < _tokens.Length ? DayMonth(at) ?? MonthFirst(at, cued: false) ?? NumericDate(at) : null;
                if (full is { Type: EntityType.DATE } f)
                {
                    value = f.Value;
                    end = f.Start + f.Length;
                    rule = "weekday-date";
                }
            }
            var relative = false;
            if (rule == "weekday" && end < _tokens.Length && lexicon.Directions.TryMatch(_tokens, end, out var directionLength, out var direction))
            {
                // "Selasa lalu", "Jumat mendatang".
                return new TimeMatch(i, end + directionLength - i, EntityType.DATE, DirectedWeekday(weekday, direction), "day", "weekday+direction",
                    Relative: true, Future: direction == "future");
            }
            if (rule == "weekday" && end < _tokens.Length && lexicon.Relative.TryMatch(_tokens, end, out var weekLength, out var week) && week.Unit == TimeUnit.Week
                && week.Part is null)
            {
                // "Senin pekan lalu", "Wednesday next week": that weekday of that week.
                var inWeek = anchor is { } w && AddDays(w, 7L * week.Offset) is { } shifted ? WeekdayOfWeek(shifted, weekday) : null;
                return new TimeMatch(i, end + weekLength - i, EntityType.DATE, inWeek, "day", "weekday+week", Relative: true, Future: week.Offset > 0);
            }
            var future = false;
            if (rule == "weekday" && anchor is { } a)
            {
                future = SpeaksOfFuture();
                value = ResolveWeekday(a, weekday, future) is { } resolved ? Format(resolved) : null;
                relative = true;
            }
            var precision = "day";
            if (end < _tokens.Length && lexicon.DayParts.TryMatch(_tokens, end, out var partLength, out var part))
            {
                value = value is null ? null : value + "T" + part;
                end += partLength;
                precision = "part_of_day";
            }
            return new TimeMatch(i, end - i, EntityType.DATE, value, precision, rule, Relative: relative, Future: future);
        }

        private TimeMatch? Relative(int i)
        {
            if (!lexicon.Relative.TryMatch(_tokens, i, out var length, out var relative))
            {
                return null;
            }
            var end = i + length;
            var value = anchor is { } a ? Shift(a, relative.Unit, relative.Offset) : null;
            var precision = relative.Unit switch
            {
                TimeUnit.Week => "week",
                TimeUnit.Month => "month",
                TimeUnit.Year => "year",
                _ => "day",
            };
            if (relative.Part is { } fixedPart)
            {
                value = value is null ? null : relative.Unit == TimeUnit.Week ? value + "-" + fixedPart : value + "T" + fixedPart;
                precision = relative.Unit == TimeUnit.Week ? "week" : "part_of_day";
            }
            else if (relative.Unit == TimeUnit.Day && end < _tokens.Length && lexicon.DayParts.TryMatch(_tokens, end, out var partLength, out var part))
            {
                value = value is null ? null : value + "T" + part;
                end += partLength;
                precision = "part_of_day";
            }
            return new TimeMatch(i, end - i, EntityType.DATE, value, precision, "relative", Relative: true, Future: relative.Offset > 0);
        }

        /// <summary><c>dua hari lalu</c>, <c>three days ago</c>, <c>2 pekan lalu</c>, <c>sepekan lalu</c>, <c>a week ago</c>.</summary>
        private TimeMatch? Ago(int i)
        {
            if (Amount(i) is not { } amount)
            {
                return null;
            }
            var (count, unit, unitEnd) = amount;
            if (!lexicon.Directions.TryMatch(_tokens, unitEnd, out var directionLength, out var direction))
            {
                return null;
            }
            var offset = direction == "future" ? count : -count;
            var value = anchor is { } a && unit is not (TimeUnit.Hour or TimeUnit.Minute) ? Shift(a, unit, offset) : null;
            var precision = unit switch { TimeUnit.Week => "week", TimeUnit.Month => "month", TimeUnit.Year => "year", _ => "day" };
            return new TimeMatch(i, unitEnd + directionLength - i, EntityType.DATE, value, precision, "number-unit-direction",
                Relative: true, Future: offset > 0);
        }

        /// <summary>A count and a unit: <c>tiga hari</c>, <c>2 weeks</c>, <c>sepekan</c>, <c>a month</c>.</summary>
        private (int Count, TimeUnit Unit, int End)? Amount(int i)
        {
            if (i >= _tokens.Length)
            {
                return null;
            }
            if (lexicon.Units.TryMatch(_tokens, i, out var ownLength, out var own) && own.Count is { } ownCount)
            {
                return (ownCount, own.Unit, i + ownLength);
            }
            if (!numbers.TryRead(_tokens, i, out var number, out var numberLength, out var vague) || vague || number != Math.Floor(number) || number > 10_000)
            {
                return null;
            }
            var unitAt = i + numberLength;
            if (unitAt >= _tokens.Length || !lexicon.Units.TryMatch(_tokens, unitAt, out var unitLength, out var word) || word.Count is not null)
            {
                return null;
            }
            return ((int)number, word.Unit, unitAt + unitLength);
        }

        private TimeMatch? Duration(int i)
        {
            if (Amount(i) is not { } amount)
            {
                return null;
            }
            var (count, unit, end) = amount;
            var n = count.ToString(CultureInfo.InvariantCulture);
            var value = unit switch
            {
                TimeUnit.Day => $"P{n}D",
                TimeUnit.Week => $"P{n}W",
                TimeUnit.Month => $"P{n}M",
                TimeUnit.Year => $"P{n}Y",
                TimeUnit.Hour => $"PT{n}H",
                _ => $"PT{n}M",
            };
            return new TimeMatch(i, end - i, EntityType.DATE, value, "duration", "duration");
        }

        // ----- clock times ---------------------------------------------------------------------------------

        /// <summary><c>pukul 14.00 WIB</c>, <c>2 p.m. local time</c>, <c>14:00 GMT</c>, <c>0800 GMT</c>, <c>6pm</c>, <c>pukul 8 malam</c>.
        /// The value is a bare <c>Thh:mm</c>; <see cref="Combine"/> puts it on a date.</summary>
        private TimeMatch? Clock(int i)
        {
            var at = i;
            var marked = false;
            if (_tokens[i].Kind == TokenKind.Word && !char.IsDigit(_tokens[i].Text[0]))
            {
                if (!lexicon.Clock.TryMatch(_tokens, i, out var markerLength, out var kind) || kind != "marker")
                {
                    return null;
                }
                marked = true;
                at = i + markerLength;
            }
            if (at >= _tokens.Length)
            {
                return null;
            }
            var text = _tokens[at].Text;
            var meridiem = false;
            string? attachedAmPm = null;
            if (_tokens[at].Kind == TokenKind.Word && char.IsDigit(text[0]))
            {
                // "6pm", "10am": the figure and its meridiem written together.
                var split = text.TakeWhile(c => char.IsDigit(c) || c is '.' or ':').Count();
                if (!lexicon.Clock.TryGet([text[split..].ToLowerInvariant()], out var suffixKind) || suffixKind is not ("am" or "pm"))
                {
                    return null;
                }
                attachedAmPm = suffixKind;
                text = text[..split];
            }
            else if (_tokens[at].Kind != TokenKind.Number)
            {
                return null;
            }
            var military = false;
            if (!TryClock(text, out var hour, out var minute, out var colon))
            {
                // "0800 GMT": four figures count as a clock time only with a zone after them.
                if (text.Length != 4 || !int.TryParse(text, CultureInfo.InvariantCulture, out var hhmm) || hhmm / 100 > 23 || hhmm % 100 > 59)
                {
                    return null;
                }
                (hour, minute, military) = (hhmm / 100, hhmm % 100, true);
            }
            var end = at + 1;
            if (attachedAmPm is not null || (end < _tokens.Length && lexicon.Clock.TryMatch(_tokens, end, out var ampmLength, out attachedAmPm)
                && attachedAmPm is "am" or "pm" && (end += ampmLength) > 0))
            {
                if (hour > 12)
                {
                    return null;
                }
                hour = attachedAmPm == "pm" && hour < 12 ? hour + 12 : attachedAmPm == "am" && hour == 12 ? 0 : hour;
                meridiem = true;
            }
            string? zone = null;
            if (end < _tokens.Length && lexicon.Zones.TryMatch(_tokens, end, out var zoneLength, out var offset))
            {
                zone = offset;
                end += zoneLength;
            }
            else if (end < _tokens.Length && lexicon.Clock.TryMatch(_tokens, end, out var localLength, out var local) && local == "local")
            {
                end += localLength;
            }
            if (!meridiem && end < _tokens.Length && lexicon.DayParts.TryMatch(_tokens, end, out var partLength, out var part))
            {
                // "pukul 8 malam", "jam 3 sore": afternoon, evening and night move a 12-hour figure past noon.
                hour = part is "AF" or "EV" or "NI" && hour < 12 && !(part == "NI" && hour < 5) ? hour + 12 : hour;
                end += partLength;
                meridiem = true;
            }
            if (military && zone is null)
            {
                return null;
            }
            if (!marked && !meridiem && zone is null && !colon)
            {
                return null;
            }
            return new TimeMatch(i, end - i, EntityType.TIME, $"T{hour:D2}:{minute:D2}{zone}", "minute", "clock");
        }

        private static bool TryClock(string text, out int hour, out int minute, out bool colon)
        {
            hour = minute = 0;
            colon = text.Contains(':', StringComparison.Ordinal);
            var parts = text.Split('.', ':');
            if (parts.Length > 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out hour) || hour > 24)
            {
                return false;
            }
            if (parts.Length == 2 && (parts[1].Length != 2 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out minute) || minute > 59))
            {
                return false;
            }
            return true;
        }

        // ----- directed months and weekdays, hyphenated forms, datelines ---------------------------------------

        /// <summary><c>last March</c>, <c>next Friday</c>, <c>last Tuesday</c>.</summary>
        private TimeMatch? PrefixDirected(int i)
        {
            if (!lexicon.PrefixDirections.TryMatch(_tokens, i, out var length, out var direction))
            {
                return null;
            }
            var at = i + length;
            if (MonthWordAt(at) is { } month && (month.Length == 1 || _tokens[at].Text.EndsWith('.')))
            {
                return new TimeMatch(i, at + month.Length - i, EntityType.DATE, DirectedMonth(month.Word.Month, direction), "month", "direction+month",
                    Relative: true, Future: direction == "future");
            }
            if (at < _tokens.Length && _tokens[at].IsCapitalized && lexicon.Weekdays.TryGetValue(_tokens[at].Lower, out var weekday))
            {
                return new TimeMatch(i, at + 1 - i, EntityType.DATE, DirectedWeekday(weekday, direction), "day", "direction+weekday",
                    Relative: true, Future: direction == "future");
            }
            return null;
        }

        /// <summary>The month in the given direction from the anchor, never the anchor's own month.</summary>
        private string? DirectedMonth(int month, string direction)
        {
            if (anchor is not { } a)
            {
                return $"--{month:D2}";
            }
            var year = direction == "future" ? (month > a.Month ? a.Year : a.Year + 1) : (month < a.Month ? a.Year : a.Year - 1);
            return $"{year:D4}-{month:D2}";
        }

        /// <summary>"Selasa lalu"/"last Tuesday": the latest such day before the anchor; "Jumat mendatang"/"next Friday": that day of
        /// the following week.</summary>
        private string? DirectedWeekday(int weekday, string direction)
        {
            if (anchor is not { } a)
            {
                return null;
            }
            if (direction == "future")
            {
                return AddDays(a, 7) is { } nextWeek ? WeekdayOfWeek(nextWeek, weekday) : null;
            }
            return AddDays(a, -1) is { } dayBefore && ResolveWeekday(dayBefore, weekday, future: false) is { } back ? Format(back) : null;
        }

        private static string? WeekdayOfWeek(DateOnly inWeek, int weekday)
        {
            var day = inWeek.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)inWeek.DayOfWeek;
            return AddDays(inWeek, weekday - day) is { } result ? Format(result) : null;
        }

        /// <summary><c>mid-October</c>, <c>mid-2024</c>, <c>early-2023</c>.</summary>
        private TimeMatch? Hyphenated(int i)
        {
            var text = _tokens[i].Text;
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0)
            {
                return null;
            }
            var head = text[..dash].ToLowerInvariant();
            var tail = text[(dash + 1)..];
            if (!lexicon.Modifiers.TryGet([head], out var mod) || mod is not ("start" or "mid" or "end"))
            {
                return null;
            }
            if (lexicon.Months.TryGetValue(tail.ToLowerInvariant().TrimEnd('.'), out var month))
            {
                return new TimeMatch(i, 1, EntityType.DATE, ResolveMonth(month.Month), "month", "modifier-month", mod);
            }
            return tail.Length == 4 && int.TryParse(tail, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100
                ? new TimeMatch(i, 1, EntityType.DATE, $"{year:D4}", "year", "modifier-year", mod)
                : null;
        }

        /// <summary>ANTARA datelines: "Jakarta, 18/9 (ANTARA) -": day and month only, near the start, before the agency.</summary>
        private TimeMatch? DatelineDate(int i)
        {
            if (i > 3 || i + 1 >= _tokens.Length || _tokens[i + 1].Text != "(" || ParseBracketDate(_tokens[i].Text) is not { Year: null } partial)
            {
                return null;
            }
            return new TimeMatch(i, 1, EntityType.DATE, Resolve(partial), "day", "dateline");
        }

        /// <summary><c>2019-2022</c>: a range of years.</summary>
        private TimeMatch? YearRange(int i)
        {
            var text = _tokens[i].Text;
            if (text.Length != 9 || text[4] != '-' || !int.TryParse(text[..4], CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(text[5..], CultureInfo.InvariantCulture, out var to) || from is < 1900 or > 2100 || to <= from || to > 2100)
            {
                return null;
            }
            return new TimeMatch(i, 1, EntityType.DATE, $"{from:D4}/{to:D4}", "range", "year-range");
        }

        // ----- combining neighbouring expressions --------------------------------------------------------------

        /// <summary>
        /// Joins expressions that belong together: ranges (<c>28 Desember 2023 hingga 2 Januari 2024</c>, <c>September to November</c>),
        /// a date and its clock time (<c>Senin pukul 10.00 WIB</c>, <c>1:30 p.m. on Sept. 19</c>), a part of day around a date
        /// (<c>20 September malam</c>, <c>the night of Sept. 20</c>), a direction after a date (<c>20 September lalu</c>), and a weekday
        /// with its week (<c>Senin pekan lalu</c>). Clock times with no date are anchored to the publication date.
        /// </summary>
        public List<TimeMatch> Combine(List<TimeMatch> matches)
        {
            var result = new List<TimeMatch>(matches.Count); // at most one per match (most sentences with one have one)
            for (var n = 0; n < matches.Count; n++)
            {
                var m = matches[n];
                var next = n + 1 < matches.Count ? matches[n + 1] : (TimeMatch?)null;
                var end = m.Start + m.Length;
                if (next is { } b && m.Type == EntityType.DATE && b.Type == EntityType.DATE && m.Value is not null && b.Value is not null
                    && m.Precision != "duration" && b.Precision != "duration"
                    && ((b.Start == end + 1 && IsJoiner(end)) || (b.Start == end && b.Mod == "until")
                        || (b.Start == end + 2 && _tokens[end].Text == "," && IsJoiner(end + 1))))
                {
                    result.Add(m with { Length = b.Start + b.Length - m.Start, Value = m.Value + "/" + b.Value, Precision = "range", Mod = m.Mod,
                        Rule = "range" });
                    n++;
                    continue;
                }
                if (m.Type == EntityType.DATE && m.Mod == "until" && m.Value is { } untilValue && UntaggedMonthBefore(m.Start) is { } startMonth)
                {
                    // "September hingga November 2023": the first month takes the year of the second.
                    var year = untilValue.Length >= 4 && char.IsDigit(untilValue[0]) ? untilValue[..4] : null;
                    var from = year is null ? ResolveMonth(startMonth.Month) : $"{year}-{startMonth.Month:D2}";
                    result.Add(m with { Start = startMonth.Position, Length = end - startMonth.Position, Value = from + "/" + untilValue, Mod = null,
                        Precision = "range", Rule = "range" });
                    continue;
                }
                if (next is { } t && TimeWithDate(m, t) is { } joined)
                {
                    result.Add(joined);
                    n++;
                    continue;
                }
                result.Add(Extend(m));
            }
            for (var k = 0; k < result.Count; k++)
            {
                result[k] = AnchorTime(result[k]);
            }
            return result;
        }

        private TimeMatch? TimeWithDate(TimeMatch a, TimeMatch b)
        {
            var gap = b.Start - (a.Start + a.Length);
            var linked = gap == 0 || (gap == 1 && lexicon.Links.Contains(_tokens[a.Start + a.Length].Lower));
            if (!linked)
            {
                return null;
            }
            var (date, time) = a.Type == EntityType.DATE && b.Type == EntityType.TIME ? (a, b)
                : a.Type == EntityType.TIME && b.Type == EntityType.DATE ? (b, a)
                : (default(TimeMatch), default(TimeMatch));
            if (time.Value is not { } clock || !clock.StartsWith('T') || date.Value is not { Length: >= 10 } day || !char.IsDigit(day[0]))
            {
                return null;
            }
            return time with { Start = a.Start, Length = b.Start + b.Length - a.Start, Value = day[..10] + clock, Rule = "date+clock" };
        }

        /// <summary>A part of day or a direction right after a date, or "the night of" right before it.</summary>
        private TimeMatch Extend(TimeMatch m)
        {
            if (m.Type != EntityType.DATE || m.Value is null)
            {
                return m;
            }
            var end = m.Start + m.Length;
            if (m.Precision == "day" && m.Value.Length == 10 && end < _tokens.Length && lexicon.DayParts.TryMatch(_tokens, end, out var partLength, out var part))
            {
                return m with { Length = m.Length + partLength, Value = m.Value + "T" + part, Precision = "part_of_day" };
            }
            if (m.Precision == "day" && m.Value.Length == 10 && m.Start >= 2 && lexicon.Links.Contains(_tokens[m.Start - 1].Lower)
                && lexicon.DayParts.TryMatch(_tokens, m.Start - 2, out var beforeLength, out var beforePart) && beforeLength == 1)
            {
                return m with { Start = m.Start - 2, Length = m.Length + 2, Value = m.Value + "T" + beforePart, Precision = "part_of_day" };
            }
            if (end < _tokens.Length && lexicon.Directions.TryMatch(_tokens, end, out var directionLength, out _) && m.Rule is "day-month" or "month-day")
            {
                return m with { Length = m.Length + directionLength };
            }
            return m;
        }

        private TimeMatch AnchorTime(TimeMatch m) =>
            m.Type == EntityType.TIME && m.Value is { } value && value.StartsWith('T') && anchor is { } a ? m with { Value = Format(a) + value } : m;

        private (int Month, int Position)? UntaggedMonthBefore(int start)
        {
            var at = start - 1;
            return at >= 0 && MonthWordAt(at) is { Length: 1 } month ? (month.Word.Month, at) : null;
        }

        // ----- pieces ----------------------------------------------------------------------------------------

        private (int Month, int Length)? MonthAt(int i) => MonthWordAt(i) is { } m ? (m.Word.Month, m.Length) : null;

        private (MonthWord Word, int Length)? MonthWordAt(int i)
        {
            if (i >= _tokens.Length || _tokens[i].Kind != TokenKind.Word)
            {
                return null;
            }
            var token = _tokens[i];
            var key = token.Lower.TrimEnd('.');
            if (!lexicon.Months.TryGetValue(key, out var month))
            {
                return null;
            }
            // Month names that are also common words (May, March, Mei as a name) must be capitalised.
            if (!month.AnyCase && !token.IsCapitalized)
            {
                return null;
            }
            var length = 1;
            if (!token.Text.EndsWith('.') && i + 1 < _tokens.Length && _tokens[i + 1].Text == "." && _tokens[i + 1].Start == token.End
                && !month.Alone)
            {
                length = 2; // "Sept ." split by the tokenizer
            }
            return (month, length);
        }

        /// <summary>Which figure is the day: the one above 12 if there is one, else the language's order (20/9 in Indonesian, 9/20 in English).</summary>
        private (int Day, int Month) DayAndMonth(int a, int b) => a > 12 ? (a, b) : b > 12 ? (b, a) : lexicon.DayFirst ? (a, b) : (b, a);

        private bool IsJoiner(int i) => i < _tokens.Length && lexicon.RangeJoiners.Contains(_tokens[i].Lower);

        private static bool TryDay(string text, out int day, out int? rangeEnd)
        {
            rangeEnd = null;
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && text.AsSpan().Count('-') == 1)
            {
                if (int.TryParse(text.AsSpan(0, dash), CultureInfo.InvariantCulture, out day) &&
                    int.TryParse(text.AsSpan(dash + 1), CultureInfo.InvariantCulture, out var last) && day is >= 1 and <= 31 && last > day && last <= 31)
                {
                    rangeEnd = last;
                    return true;
                }
                day = 0;
                return false;
            }
            // Ordinals written against the day: 20th, 1st.
            if (text.Length is 3 or 4 && (text.EndsWith("st", StringComparison.Ordinal) || text.EndsWith("nd", StringComparison.Ordinal)
                || text.EndsWith("rd", StringComparison.Ordinal) || text.EndsWith("th", StringComparison.Ordinal)))
            {
                text = text[..^2];
            }
            return int.TryParse(text, CultureInfo.InvariantCulture, out day) && day is >= 1 and <= 31 && text.Length <= 2;
        }

        private bool LooksLikeYear(int i) => TryYear(i, out _);

        private bool TryYear(int i, out int year)
        {
            year = 0;
            var text = _tokens[i].Text;
            return _tokens[i].Kind == TokenKind.Number && text.Length == 4
                && int.TryParse(text, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2100;
        }

        private PartialDate? ParseBracketDate(string text)
        {
            var parts = text.Split('/');
            if (parts.Length is < 2 or > 3)
            {
                return null;
            }
            if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var a) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b))
            {
                return null;
            }
            int? year = null;
            if (parts.Length == 3)
            {
                if (!int.TryParse(parts[2], CultureInfo.InvariantCulture, out var y))
                {
                    return null;
                }
                year = parts[2].Length == 2 ? 2000 + y : y;
            }
            var (day, month) = DayAndMonth(a, b);
            return IsValid(year ?? 2000, month, day) ? new PartialDate(year, month, day) : null;
        }

        // ----- resolution --------------------------------------------------------------------------------

        private string? Resolve(PartialDate? partial)
        {
            if (partial is not { } p || p.Day is not { } day)
            {
                return null;
            }
            if (p.Year is { } year)
            {
                return IsValid(year, p.Month, day) ? Format(new DateOnly(year, p.Month, day)) : null;
            }
            if (anchor is not { } a)
            {
                return $"--{p.Month:D2}-{day:D2}";
            }
            // The year that puts the date nearest the anchor; on a tie, the earlier one.
            DateOnly? best = null;
            foreach (var y in (int[])[a.Year - 1, a.Year, a.Year + 1])
            {
                if (!IsValid(y, p.Month, day))
                {
                    continue;
                }
                var candidate = new DateOnly(y, p.Month, day);
                if (best is null || Math.Abs(candidate.DayNumber - a.DayNumber) < Math.Abs(best.Value.DayNumber - a.DayNumber))
                {
                    best = candidate;
                }
            }
            return best is null ? null : Format(best.Value);
        }

        private string ResolveMonth(int month)
        {
            if (anchor is not { } a)
            {
                return $"--{month:D2}";
            }
            var bestYear = a.Year;
            var bestDistance = int.MaxValue;
            foreach (var y in (int[])[a.Year - 1, a.Year, a.Year + 1])
            {
                var distance = Math.Abs((y * 12) + month - ((a.Year * 12) + a.Month));
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    bestYear = y;
                }
            }
            return $"{bestYear:D4}-{month:D2}";
        }

        private static string? Range(string? from, string? to) => from is null || to is null ? null : from + "/" + to;
    }

    /// <summary>The most recent such weekday on or before the anchor, or the next one after it for future sentences.</summary>
    /// <remarks>Null when the day falls outside the calendar (an anchor at <see cref="DateOnly.MinValue"/>).</remarks>
    internal static DateOnly? ResolveWeekday(DateOnly anchor, int isoWeekday, bool future)
    {
        var anchorDay = anchor.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)anchor.DayOfWeek;
        if (future)
        {
            var ahead = (isoWeekday - anchorDay + 7) % 7;
            return AddDays(anchor, ahead == 0 ? 7 : ahead);
        }
        var back = (anchorDay - isoWeekday + 7) % 7;
        return AddDays(anchor, -back);
    }

    /// <summary>The date <paramref name="days"/> away, or null outside years 1–9999 ("10,000 days ago" near year 1).</summary>
    internal static DateOnly? AddDays(DateOnly date, long days)
    {
        var number = date.DayNumber + days;
        return number >= DateOnly.MinValue.DayNumber && number <= DateOnly.MaxValue.DayNumber ? DateOnly.FromDayNumber((int)number) : null;
    }

    /// <summary>The anchor moved by <paramref name="offset"/> units, or null when that leaves the calendar
    /// ("10.000 tahun lalu").</summary>
    internal static string? Shift(DateOnly anchor, TimeUnit unit, int offset)
    {
        switch (unit)
        {
            case TimeUnit.Day:
                return AddDays(anchor, offset) is { } day ? Format(day) : null;
            case TimeUnit.Week:
                return AddDays(anchor, 7L * offset) is { } inWeek ? IsoWeek(inWeek) : null;
            case TimeUnit.Month:
                var months = (anchor.Year * 12L) + anchor.Month - 1 + offset;
                return months >= 12 && months < 10_000 * 12 ? $"{months / 12:D4}-{(months % 12) + 1:D2}" : null;
            case TimeUnit.Year:
                var year = (long)anchor.Year + offset;
                return year is >= 1 and <= 9999 ? year.ToString("D4", CultureInfo.InvariantCulture) : null;
            default:
                return Format(anchor);
        }
    }

    internal static string IsoWeek(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dateTime):D4}-W{ISOWeek.GetWeekOfYear(dateTime):D2}";
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool IsValid(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month);
}
