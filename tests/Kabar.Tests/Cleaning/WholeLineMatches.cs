using System.Text.Json;
using Kabar.Cleaning;
using Kabar.Tests.Support;

namespace Kabar.Tests.Cleaning;

/// <summary>The whole-line cleaning rules of both languages, and the lines of the cleaning specs each matches whole: the cases a
/// prefilter of those rules (<see cref="LineEdges"/>, <see cref="RequiredText"/>) must let through.</summary>
internal static class WholeLineMatches
{
    /// <summary>The line and tail rules of every pack.</summary>
    public static List<CleaningRule> Rules() =>
        Repo.Engine.Packs.Values.SelectMany(p => p.CleaningRules).Where(r => r.Scope != CleaningScope.Inline).ToList();

    /// <summary>Every trimmed line of the cleaning specs in the given <paramref name="variants"/>, with each rule that matches it whole.</summary>
    public static List<(CleaningRule Rule, string Line)> Of(Func<string, IEnumerable<string>> variants)
    {
        var lines = Directory.EnumerateFiles(Repo.Path_("tests", "specs", "cleaning"), "*.json", SearchOption.AllDirectories)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray())
            .SelectMany(spec => spec.GetProperty("input").GetString()!.Split('\n'))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .SelectMany(variants)
            .Distinct()
            .ToList();
        var matches = new List<(CleaningRule, string)>();
        foreach (var rule in Rules())
        {
            foreach (var line in lines)
            {
                var match = rule.Pattern.Match(line);
                if (match.Success && match.Index == 0 && match.Length == line.Length)
                {
                    matches.Add((rule, line));
                }
            }
        }
        return matches;
    }
}
