using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Kabar.Model;

namespace Kabar.Segmentation;

/// <summary>
/// Groups tokens into sentences. A sentence ends at <c>.</c>, <c>!</c>, <c>?</c> or an ellipsis followed by a
/// capitalised word, a quote or the end of the text (closing quotes and brackets stay with the sentence they
/// close), and always at a line break: scraped news puts each paragraph, headline and caption on its own line.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class SentenceSplitter(IEnumerable<string> sentenceStarters)
{
    private readonly FrozenSet<string> _starters = sentenceStarters.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The sentences of <paramref name="tokens"/>, which cover every token in order.</summary>
    public List<Sentence> Split(string text, List<Token> tokens)
    {
        var sentences = new List<Sentence>();
        var span = CollectionsMarshal.AsSpan(tokens); // the list does not change here; a span reads tokens without copying them
        var first = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (!EndsAt(text, span, i, out var last))
            {
                continue;
            }
            Add(first, last);
            first = last + 1;
            i = last;
        }
        if (first < tokens.Count)
        {
            Add(first, tokens.Count - 1);
        }
        return sentences;

        void Add(int from, int to)
        {
            var index = sentences.Count;
            sentences.Add(new Sentence(index, tokens[from].Start, tokens[to].End, from, to - from + 1));
        }
    }

    private bool EndsAt(string text, ReadOnlySpan<Token> tokens, int i, out int last)
    {
        last = i;
        if (i == tokens.Length - 1)
        {
            return true;
        }
        ref readonly var token = ref tokens[i];
        ref readonly var next = ref tokens[i + 1];
        if (HasLineBreak(text, token.End, next.Start))
        {
            return true;
        }
        var terminal = IsTerminal(token.Text) || EndsWithDotAbbreviation(token);
        if (!terminal)
        {
            return false;
        }
        // Closing quotes and brackets written against the terminal belong to the sentence they close: tersebut."
        while (last + 1 < tokens.Length && IsCloser(tokens[last + 1].Text) && tokens[last + 1].Start == tokens[last].End)
        {
            last++;
        }
        if (last + 1 >= tokens.Length)
        {
            last = tokens.Length - 1;
            return true;
        }
        ref readonly var following = ref tokens[last + 1];
        if (HasLineBreak(text, tokens[last].End, following.Start))
        {
            return true;
        }
        if (token.Kind == TokenKind.Word)
        {
            // An abbreviation ends a sentence only before a word that typically starts one: "... in the U.S. The talks".
            return following.IsCapitalized && _starters.Contains(following.Text);
        }
        return StartsSentence(following);
    }

    // Patterns rather than sets: asked of every token, a length switch and a character compare beat hashing the text.
    private static bool IsTerminal(string text) => text is "." or "!" or "?" or "..." or "\u2026";

    private static bool IsCloser(string text) => text is "\"" or "'" or "\u201D" or "\u2019" or ")" or "]" or "\u00BB";

    private static bool EndsWithDotAbbreviation(in Token token) =>
        token.Kind == TokenKind.Word && token.Text.Length > 2 && token.Text[^1] == '.' && token.Text.AsSpan().Count('.') >= 2;

    private static bool StartsSentence(in Token token) =>
        token.IsCapitalized || token.Kind == TokenKind.Number || token.Text is "\"" or "\u201C" or "'" or "\u2018" or "(" or "[" or "-" or "\u2013" or "\u2014";

    private static bool HasLineBreak(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (text[k] == '\n')
            {
                return true;
            }
        }
        return false;
    }
}
