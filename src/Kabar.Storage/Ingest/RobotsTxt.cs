using System.Text;
using System.Text.RegularExpressions;

namespace Kabar.Storage.Ingest;

/// <summary>
/// The rules of a robots.txt (RFC 9309) for one crawler: the groups naming its product token, else the <c>*</c> groups;
/// the longest matching Allow/Disallow pattern wins (Allow on a tie); <c>*</c> matches anything and a final <c>$</c>
/// anchors the end.
/// </summary>
public sealed class RobotsTxt
{
    private readonly List<(bool Allow, string Pattern, Regex Regex)> _rules;

    private RobotsTxt(List<(bool, string, Regex)> rules) => _rules = rules;

    /// <summary>Allows everything (no robots.txt, or a 4xx answer for it).</summary>
    public static RobotsTxt AllowAll { get; } = new([]);

    /// <summary>Disallows everything (robots.txt could not be read: a 5xx answer or no answer).</summary>
    public static RobotsTxt DisallowAll { get; } = new([(false, "/", Compile("/"))]);

    /// <summary>Parses robots.txt for the crawler whose product token is <paramref name="agent"/> (<c>Kabar</c>).</summary>
    public static RobotsTxt Parse(string text, string agent)
    {
        var groups = new List<(List<string> Agents, List<(bool, string)> Rules)>();
        (List<string> Agents, List<(bool, string)> Rules)? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            if (key is "user-agent")
            {
                // Consecutive user-agent lines share one group; a user-agent after rules starts the next.
                if (current is null || current.Value.Rules.Count > 0)
                {
                    current = ([], []);
                    groups.Add(current.Value);
                }
                current.Value.Agents.Add(value.ToLowerInvariant());
            }
            else if (key is "allow" or "disallow" && current is not null && value.Length > 0)
            {
                current.Value.Rules.Add((key == "allow", value));
            }
        }
        var token = agent.ToLowerInvariant();
        var mine = groups.Where(g => g.Agents.Any(a => a.Split('/')[0].Trim() == token)).ToList();
        if (mine.Count == 0)
        {
            mine = groups.Where(g => g.Agents.Contains("*")).ToList();
        }
        return new RobotsTxt([.. mine.SelectMany(g => g.Rules).Select(r => (r.Item1, r.Item2, Compile(r.Item2)))]);
    }

    /// <summary>True when the crawler may fetch <paramref name="pathAndQuery"/>.</summary>
    public bool Allows(string pathAndQuery)
    {
        var path = pathAndQuery.Length == 0 ? "/" : pathAndQuery;
        var best = -1;
        var allow = true;
        foreach (var (isAllow, pattern, regex) in _rules)
        {
            if (regex.IsMatch(path) && (pattern.Length > best || (pattern.Length == best && isAllow)))
            {
                best = pattern.Length;
                allow = isAllow;
            }
        }
        return allow;
    }

    private static Regex Compile(string pattern)
    {
        var anchored = pattern.EndsWith('$');
        var body = anchored ? pattern[..^1] : pattern;
        var regex = new StringBuilder("^");
        foreach (var part in body.Split('*'))
        {
            if (regex.Length > 1)
            {
                regex.Append(".*");
            }
            regex.Append(Regex.Escape(part));
        }
        if (anchored)
        {
            regex.Append('$');
        }
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
