using Kabar.Model;

namespace Kabar.Languages;

/// <summary>
/// A trie of multi-word phrases over lower-cased token texts, for longest-match lookup at a token position
/// (<c>lebih dari</c>, <c>Menteri Luar Negeri</c>, <c>warga sipil</c>). Built once, then read-only and thread-safe.
/// </summary>
/// <remarks>Every stage asks these tables about nearly every token, and most tokens start no phrase. So before hashing a word and
/// walking the trie, the table asks a <see cref="WordFilter"/> of the first words of its phrases, which turns away nearly every
/// word that starts nothing.</remarks>
/// <typeparam name="T">The value a phrase maps to.</typeparam>
public sealed class PhraseTable<T>
{
    private readonly Node _root;

    private readonly WordFilter _starts;

    private PhraseTable(Node root, int count)
    {
        _root = root;
        Count = count;
        _starts = new WordFilter(root.Children is { } first ? [.. first.Words] : []);
    }

    /// <summary>Number of phrases.</summary>
    public int Count { get; }

    /// <summary>Builds a table; <paramref name="tokenize"/> splits a phrase the same way text is split. Later entries for
    /// the same phrase are ignored, so files listed first take precedence.</summary>
    public static PhraseTable<T> Build(IEnumerable<(string Phrase, T Value)> entries, Func<string, IEnumerable<string>> tokenize)
    {
        var root = new MutableNode();
        var count = 0;
        foreach (var (phrase, value) in entries)
        {
            var node = root;
            var any = false;
            foreach (var word in tokenize(phrase))
            {
                var key = word.ToLowerInvariant();
                if (!node.Children.TryGetValue(key, out var child))
                {
                    child = new MutableNode();
                    node.Children[key] = child;
                }
                node = child;
                any = true;
            }
            if (any && !node.HasValue)
            {
                node.Value = value;
                node.HasValue = true;
                count++;
            }
        }
        return new PhraseTable<T>(root.Freeze(), count);
    }

    /// <summary>The longest phrase starting at <paramref name="start"/>: how many tokens it covers and its value.</summary>
    /// <remarks>The same as <see cref="TryMatch(ReadOnlySpan{Token}, int, Func{Token, string}, out int, out T)"/> with the lower-cased
    /// text as key, without a delegate call and a token copy per step: this is the lookup the stages make most.</remarks>
    public bool TryMatch(ReadOnlySpan<Token> tokens, int start, out int length, out T value)
    {
        length = 0;
        value = default!;
        if (start >= tokens.Length || !_starts.MayContain(in tokens[start]))
        {
            return false;
        }
        var node = _root;
        for (var i = start; i < tokens.Length; i++)
        {
            if (node.Children is null || !node.Children.TryGetValue(in tokens[i], out var child))
            {
                break;
            }
            node = child;
            if (node.HasValue)
            {
                length = i - start + 1;
                value = node.Value!;
            }
        }
        return length > 0;
    }

    /// <summary>Longest match using a caller-chosen key per token (e.g. the lemma).</summary>
    public bool TryMatch(ReadOnlySpan<Token> tokens, int start, Func<Token, string> key, out int length, out T value)
    {
        length = 0;
        value = default!;
        var node = _root;
        for (var i = start; i < tokens.Length; i++)
        {
            var word = key(tokens[i]);
            if (node.Children is null || (i == start && !MayStart(word)) || !node.Children.TryGetValue(word, out var child))
            {
                break;
            }
            node = child;
            if (node.HasValue)
            {
                length = i - start + 1;
                value = node.Value!;
            }
        }
        return length > 0;
    }

    /// <summary>Exact lookup of a single-token or multi-token phrase given as lower-cased words.</summary>
    public bool TryGet(IReadOnlyList<string> words, out T value)
    {
        value = default!;
        var node = _root;
        if (words.Count > 0 && !MayStart(words[0]))
        {
            return false;
        }
        foreach (var word in words)
        {
            if (node.Children is null || !node.Children.TryGetValue(word, out var child))
            {
                return false;
            }
            node = child;
        }
        if (!node.HasValue)
        {
            return false;
        }
        value = node.Value!;
        return true;
    }

    /// <summary>The lower-cased words phrases start with.</summary>
    internal IEnumerable<string> FirstWords => _root.Children?.Words ?? [];

    /// <summary>True when some phrase starts with this lower-cased word.</summary>
    public bool StartsWith(string word) => _root.Children is not null && MayStart(word) && _root.Children.ContainsKey(word);

    /// <summary>False only when no phrase starts with this word (a lookup would fail).</summary>
    private bool MayStart(string word) => _starts.MayContain(word);

    private sealed class Node(WordTable<Node>? children, T? value, bool hasValue)
    {
        public WordTable<Node>? Children { get; } = children;

        public T? Value { get; } = value;

        public bool HasValue { get; } = hasValue;
    }

    private sealed class MutableNode
    {
        public Dictionary<string, MutableNode> Children { get; } = new(StringComparer.Ordinal);

        public T? Value { get; set; }

        public bool HasValue { get; set; }

        public Node Freeze() => new(
            Children.Count == 0 ? null : new WordTable<Node>([.. Children.Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Freeze()))]),
            Value,
            HasValue);
    }
}
