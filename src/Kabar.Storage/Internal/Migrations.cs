using System.Globalization;
using System.Reflection;

namespace Kabar.Storage.Internal;

/// <summary>The embedded migration scripts of one engine, in order.</summary>
internal static class Migrations
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> For(Dialect dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"migrations/{dialect.Migrations}/";
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0)
            {
                throw new InvalidOperationException($"migration {resource} does not start with a version number");
            }
            list.Add(new Migration(int.Parse(digits, CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(name), ReadText(assembly, resource)));
        }
        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1)
            {
                throw new InvalidOperationException($"migrations of {dialect.Migrations} must be numbered 1, 2, 3… without gaps; found {list[i].Name}");
            }
        }
        return list;
    }

    private static string ReadText(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
