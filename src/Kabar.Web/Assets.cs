using System.Collections.Frozen;

namespace Kabar.Web;

/// <summary>The page's files and the registry packages it uses (Leaflet, the clusterer, topojson-client, world-atlas),
/// embedded at build time and served from memory.</summary>
internal static class Assets
{
    private static readonly FrozenDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".png"] = "image/png",
        [".svg"] = "image/svg+xml",
        [".txt"] = "text/plain; charset=utf-8",
        [""] = "text/plain; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Files = new(Load);

    /// <summary>The names of the embedded files (<c>page/app.js</c>, <c>npm/leaflet/dist/leaflet.js</c>…).</summary>
    public static IEnumerable<string> Names => Files.Value.Keys;

    /// <summary>An embedded file and its media type, or null.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name) =>
        Files.Value.TryGetValue(name, out var bytes) ? (bytes, Types.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream")) : null;

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = typeof(Assets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("page/", StringComparison.Ordinal) || n.StartsWith("npm/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
