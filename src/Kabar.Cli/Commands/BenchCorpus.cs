using System.Globalization;
using System.Text;
using System.Text.Json;
using Kabar.Input;
using Kabar.Model;
using Kabar.Pipeline;

namespace Kabar.Cli.Commands;

/// <summary>
/// A synthetic but realistic corpus for <c>kabar bench</c>: articles put together from the texts at hand (samples/*.txt,
/// the seed article, the texts of ../shared/eval/*.jsonl), with sentences shuffled and names, numbers and dates swapped for
/// others of the same kind and language found in those same texts. Deterministic for a given seed.
/// </summary>
internal sealed class BenchCorpus
{
    private BenchCorpus(List<SourceDocument> articles, List<string> sources, List<string> skipped, long bytes, long sentencesInPool)
    {
        Articles = articles;
        Sources = sources;
        Skipped = skipped;
        Bytes = bytes;
        PoolSentences = sentencesInPool;
    }

    /// <summary>The generated articles.</summary>
    public List<SourceDocument> Articles { get; }

    /// <summary>The files the texts came from, with how many texts each gave.</summary>
    public List<string> Sources { get; }

    /// <summary>Source texts left out because the pipeline rejected or failed on them (with the reason).</summary>
    public List<string> Skipped { get; }

    /// <summary>UTF-8 bytes of article text in the corpus.</summary>
    public long Bytes { get; }

    /// <summary>Sentences available to recombine.</summary>
    public long PoolSentences { get; }

    /// <summary>Where a base text came from and what it says about itself.</summary>
    private sealed record BaseText(string Origin, string Text, DateOnly? Published, string? Language);

    /// <summary>A sentence with the spans inside it that may be swapped.</summary>
    private sealed record PoolSentence(string Text, Slot[] Slots);

    /// <summary>A swappable span: start and length within the sentence, and the kind of thing it is.</summary>
    private readonly record struct Slot(int Start, int Length, string Kind);

    /// <summary>The sentences of one base text, grouped as its paragraphs (the first is the headline or lead).</summary>
    private sealed record BaseArticle(string Language, List<List<PoolSentence>> Paragraphs, string? Dateline, DateOnly? Published);

    private sealed class LanguagePool
    {
        public List<BaseArticle> Articles { get; } = [];

        public List<PoolSentence> Sentences { get; } = [];

        public Dictionary<string, List<string>> Fillers { get; } = new(StringComparer.Ordinal);

        public List<string> Debris { get; } = [];
    }

    /// <summary>Builds a corpus of <paramref name="count"/> articles from the texts under <paramref name="root"/> and
    /// <paramref name="shared"/>, analysing them once with <paramref name="engine"/> to find sentences and swappable spans.</summary>
    public static BenchCorpus Build(KabarEngine engine, string root, string? shared, int count, int seed)
    {
        var sources = new List<string>();
        var texts = LoadTexts(root, shared, sources);
        if (texts.Count == 0)
        {
            throw new InvalidOperationException($"no texts found under {root}/samples or {shared}");
        }
        var skipped = new List<string>();
        var pools = new Dictionary<string, LanguagePool>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            Document document;
            try
            {
                document = engine.Process(new SourceDocument(text.Origin, text.Text)
                {
                    Published = text.Published ?? new DateOnly(2023, 6, 1),
                    PublishedSource = "caller",
                    Language = text.Language,
                });
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                skipped.Add($"{text.Origin}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            if (!pools.TryGetValue(document.Language, out var pool))
            {
                pool = new LanguagePool();
                pools[document.Language] = pool;
            }
            AddToPool(pool, document, text.Published);
        }
        var random = new Random(seed);
        var languages = pools.Where(p => p.Value.Sentences.Count > 0).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        var articles = new List<SourceDocument>(count);
        long bytes = 0;
        for (var i = 0; i < count; i++)
        {
            var language = languages[i % languages.Length];
            var text = Compose(pools[language], random);
            var published = DateOnly.FromDayNumber(new DateOnly(2019, 1, 1).DayNumber + random.Next(6 * 365));
            articles.Add(new SourceDocument($"bench-{i:D5}-{language}", text) { Published = published, PublishedSource = "caller" });
            bytes += Encoding.UTF8.GetByteCount(text);
        }
        return new BenchCorpus(articles, sources, skipped, bytes, pools.Values.Sum(p => (long)p.Sentences.Count));
    }

    private static List<BaseText> LoadTexts(string root, string? shared, List<string> sources)
    {
        var texts = new List<BaseText>();
        var samples = Path.Combine(root, "samples");
        if (Directory.Exists(samples))
        {
            foreach (var file in Directory.EnumerateFiles(samples, "*.txt").Order(StringComparer.Ordinal))
            {
                if (Path.GetFileName(file).Equals("README.txt", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                texts.Add(new BaseText(Relative(root, file), File.ReadAllText(file), null, null));
                sources.Add($"{Relative(root, file)} (1)");
            }
        }
        if (shared is null)
        {
            return texts;
        }
        var seedFile = Path.Combine(shared, "seed", "seed-article-id.txt");
        if (File.Exists(seedFile))
        {
            texts.Add(new BaseText("shared/seed/seed-article-id.txt", File.ReadAllText(seedFile), new DateOnly(2023, 9, 21), "id"));
            sources.Add("shared/seed/seed-article-id.txt (1)");
        }
        var eval = Path.Combine(shared, "eval");
        if (Directory.Exists(eval))
        {
            foreach (var file in Directory.EnumerateFiles(eval, "*.jsonl").Order(StringComparer.Ordinal))
            {
                // The dev files are named by language (id-ner-dev, en-events-dev); one-sentence records are too short to identify reliably.
                var name = Path.GetFileName(file);
                string? language = name.Length > 3 && name[2] == '-' ? name[..2] : null;
                var found = 0;
                foreach (var line in File.ReadLines(file))
                {
                    if (line.Trim().Length == 0)
                    {
                        continue;
                    }
                    using var json = JsonDocument.Parse(line);
                    var record = json.RootElement;
                    // Pages of the HTML benchmark carry their main text as gold_text: the article text is what the pipeline reads.
                    var text = Text(record, "text") ?? Text(record, "gold_text");
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        continue;
                    }
                    var date = Text(record, "date") is { } d ? DocumentReader.ParseDate(d) : null;
                    var origin = $"shared/eval/{Path.GetFileName(file)}#{Text(record, "id") ?? found.ToString(CultureInfo.InvariantCulture)}";
                    texts.Add(new BaseText(origin, text, date, language));
                    found++;
                }
                sources.Add($"shared/eval/{Path.GetFileName(file)} ({found})");
            }
        }
        return texts;
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static void AddToPool(LanguagePool pool, Document document, DateOnly? published)
    {
        var text = document.Text;
        var paragraphs = new List<List<PoolSentence>>();
        var current = new List<PoolSentence>();
        var lastEnd = -1;
        foreach (var sentence in document.Sentences)
        {
            if (lastEnd >= 0 && text.AsSpan(lastEnd, sentence.Start - lastEnd).Contains('\n') && current.Count > 0)
            {
                paragraphs.Add(current);
                current = [];
            }
            lastEnd = sentence.End;
            var slots = new List<Slot>();
            foreach (var entity in document.Entities)
            {
                if (entity.Start < sentence.Start || entity.End > sentence.End || entity.Mention == MentionKind.Pronoun)
                {
                    continue;
                }
                var kind = entity.Type.ToString();
                if (slots.Any(s => s.Start < entity.End - sentence.Start && entity.Start - sentence.Start < s.Start + s.Length))
                {
                    continue;
                }
                slots.Add(new Slot(entity.Start - sentence.Start, entity.End - entity.Start, kind));
                AddFiller(pool, kind, entity.Text);
            }
            foreach (var token in document.TokensOf(sentence))
            {
                if (token.Kind != TokenKind.Number || slots.Any(s => s.Start < token.End - sentence.Start && token.Start - sentence.Start < s.Start + s.Length))
                {
                    continue;
                }
                slots.Add(new Slot(token.Start - sentence.Start, token.Length, "NUMBER"));
                AddFiller(pool, "NUMBER", token.Text);
            }
            slots.Sort((a, b) => a.Start.CompareTo(b.Start));
            var poolSentence = new PoolSentence(text[sentence.Start..sentence.End], [.. slots]);
            current.Add(poolSentence);
            pool.Sentences.Add(poolSentence);
        }
        if (current.Count > 0)
        {
            paragraphs.Add(current);
        }
        foreach (var removed in document.Removed)
        {
            if (removed.Text.Length is > 2 and < 200 && !removed.Text.Contains('\n'))
            {
                pool.Debris.Add(removed.Text);
            }
        }
        if (paragraphs.Count >= 3)
        {
            pool.Articles.Add(new BaseArticle(document.Language, paragraphs, document.Metadata.Dateline, published));
        }
    }

    private static void AddFiller(LanguagePool pool, string kind, string text)
    {
        if (text.Contains('\n'))
        {
            return;
        }
        if (!pool.Fillers.TryGetValue(kind, out var list))
        {
            list = [];
            pool.Fillers[kind] = list;
        }
        list.Add(text);
    }

    /// <summary>One article: either a known article with its body shuffled, or a new one put together from the language's
    /// sentences; names, numbers and dates swapped; furniture lines from the same texts inserted here and there.</summary>
    private static string Compose(LanguagePool pool, Random random)
    {
        List<List<PoolSentence>> paragraphs;
        if (pool.Articles.Count > 0 && random.NextDouble() < 0.5)
        {
            var article = pool.Articles[random.Next(pool.Articles.Count)];
            var body = article.Paragraphs.Skip(1).SelectMany(p => p).ToList();
            Shuffle(body, random);
            paragraphs = [article.Paragraphs[0]];
            var taken = 0;
            foreach (var paragraph in article.Paragraphs.Skip(1))
            {
                paragraphs.Add(body.GetRange(taken, paragraph.Count));
                taken += paragraph.Count;
            }
        }
        else
        {
            // About the length of a news report: 12 to 30 sentences in paragraphs of one to four.
            var target = random.Next(12, 31);
            paragraphs = [[pool.Sentences[random.Next(pool.Sentences.Count)]]];
            var total = 1;
            while (total < target)
            {
                var size = Math.Min(target - total, random.Next(1, 5));
                var paragraph = new List<PoolSentence>(size);
                for (var k = 0; k < size; k++)
                {
                    paragraph.Add(pool.Sentences[random.Next(pool.Sentences.Count)]);
                }
                paragraphs.Add(paragraph);
                total += size;
            }
        }
        var builder = new StringBuilder(4096);
        for (var p = 0; p < paragraphs.Count; p++)
        {
            if (p > 0)
            {
                builder.Append('\n');
                if (pool.Debris.Count > 0 && random.NextDouble() < 0.08)
                {
                    builder.Append(pool.Debris[random.Next(pool.Debris.Count)]).Append('\n');
                }
            }
            for (var s = 0; s < paragraphs[p].Count; s++)
            {
                if (s > 0)
                {
                    builder.Append(' ');
                }
                AppendPerturbed(builder, paragraphs[p][s], pool, random);
            }
        }
        if (pool.Debris.Count > 0 && random.NextDouble() < 0.5)
        {
            builder.Append('\n').Append(pool.Debris[random.Next(pool.Debris.Count)]);
        }
        return builder.ToString();
    }

    private static void AppendPerturbed(StringBuilder builder, PoolSentence sentence, LanguagePool pool, Random random)
    {
        var at = 0;
        foreach (var slot in sentence.Slots)
        {
            if (random.NextDouble() >= 0.5 || !pool.Fillers.TryGetValue(slot.Kind, out var fillers))
            {
                continue;
            }
            builder.Append(sentence.Text, at, slot.Start - at);
            builder.Append(fillers[random.Next(fillers.Count)]);
            at = slot.Start + slot.Length;
        }
        builder.Append(sentence.Text, at, sentence.Text.Length - at);
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
