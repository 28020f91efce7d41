using System.Reflection;

namespace Kabar.Languages;

/// <summary>Where language data files come from: the resources embedded in Kabar.Core, or a folder on disk.</summary>
/// <remarks>Paths are relative to the <c>lang/</c> root and use <c>/</c> (<c>id/actors/roles.tsv</c>).</remarks>
public abstract class DataSource
{
    /// <summary>Files under a folder (recursively), relative paths, sorted.</summary>
    public abstract IReadOnlyList<string> List(string folder);

    /// <summary>The text of a file, or null when it does not exist.</summary>
    public abstract string? Read(string path);

    /// <summary>A file of an installed registry package that a language folder names (<c>@zxcvbn-ts/language-id/src/names.json</c>),
    /// or null when it is not installed.</summary>
    public abstract string? ReadPackage(string path);

    /// <summary>Language folders present (every top-level folder except <c>common</c>).</summary>
    public IReadOnlyList<string> Languages() =>
        List("").Select(p => p.Split('/')[0])
            .Where(f => f != "common" && !f.Contains('.', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The data embedded in Kabar.Core at build time.</summary>
    public static DataSource Embedded { get; } = new EmbeddedDataSource(typeof(DataSource).Assembly);

    /// <summary>Data read from a folder laid out like <c>lang/</c>.</summary>
    public static DataSource FromDirectory(string root) => new DirectoryDataSource(root);

    private sealed class EmbeddedDataSource(Assembly assembly) : DataSource
    {
        private readonly string[] _names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("lang/", StringComparison.Ordinal))
            .Select(n => n["lang/".Length..])
            .Order(StringComparer.Ordinal)
            .ToArray();

        public override IReadOnlyList<string> List(string folder)
        {
            var prefix = folder.Length == 0 ? "" : folder.TrimEnd('/') + "/";
            return _names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        }

        public override string? Read(string path) => ReadResource("lang/" + path);

        public override string? ReadPackage(string path) => ReadResource("npm/" + path);

        private string? ReadResource(string name)
        {
            using var stream = assembly.GetManifestResourceStream(name);
            if (stream is null)
            {
                return null;
            }
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>This data with extra files laid over it (a user's dictionary as <c>common/actors/user.tsv</c>).</summary>
    public DataSource With(IReadOnlyDictionary<string, string> files) => new OverlayDataSource(this, files);

    private sealed class OverlayDataSource(DataSource inner, IReadOnlyDictionary<string, string> files) : DataSource
    {
        public override IReadOnlyList<string> List(string folder)
        {
            var prefix = folder.Length == 0 ? "" : folder.TrimEnd('/') + "/";
            return inner.List(folder).Concat(files.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        public override string? Read(string path) => files.TryGetValue(path, out var text) ? text : inner.Read(path);

        public override string? ReadPackage(string path) => inner.ReadPackage(path);
    }

    private sealed class DirectoryDataSource(string root) : DataSource
    {
        public override IReadOnlyList<string> List(string folder)
        {
            var dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir))
            {
                return [];
            }
            return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".tsv", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        public override string? Read(string path)
        {
            var full = Path.Combine(root, path);
            return File.Exists(full) ? File.ReadAllText(full) : null;
        }

        // A lang/ folder sits beside the node_modules/ that npm ci fills: the repository layout.
        public override string? ReadPackage(string path) => Read(Path.Combine("..", "node_modules", path));
    }
}
