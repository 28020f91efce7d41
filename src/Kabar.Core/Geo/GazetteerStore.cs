using System.Reflection;
using Kabar.Languages;

namespace Kabar.Geo;

/// <summary>
/// Finds the gazetteer: the GeoNames packages installed by <c>npm ci</c> (in the repository's <c>node_modules</c>, or
/// <c>KABAR_NODE_MODULES</c>), compiled once into a cached index (<c>KABAR_CACHE</c>, else <c>.cache/</c> in the
/// repository, else <c>~/.cache/kabar</c>) and reused while the source is unchanged.
/// </summary>
public static class GazetteerStore
{
    private static readonly Lock Gate = new();
    private static Gazetteer? _shared;

    /// <summary>The repository root recorded at build time, if it still exists.</summary>
    public static string? RepositoryRoot
    {
        get
        {
            var root = typeof(GazetteerStore).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "KabarRepoRoot")?.Value;
            return root is not null && Directory.Exists(root) ? root : null;
        }
    }

    /// <summary>Where the GeoNames packages are, or null when they are not installed.</summary>
    public static string? NodeModules
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("KABAR_NODE_MODULES");
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }
            var candidates = new[] { RepositoryRoot, AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
            foreach (var start in candidates)
            {
                for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var path = Path.Combine(dir.FullName, "node_modules");
                    if (File.Exists(Path.Combine(path, GazetteerCompiler.CitiesPath)))
                    {
                        return path;
                    }
                }
            }
            return null;
        }
    }

    /// <summary>Path of the compiled index for the current format version.</summary>
    public static string IndexPath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("KABAR_CACHE");
            var dir = !string.IsNullOrEmpty(configured)
                ? configured
                : RepositoryRoot is { } root
                    ? Path.Combine(root, ".cache")
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "kabar");
            return Path.Combine(dir, $"gazetteer-v{Gazetteer.FormatVersion}.bin");
        }
    }

    /// <summary>True when the compiled index exists and is newer than its source.</summary>
    public static bool IsFresh(string? nodeModules = null)
    {
        nodeModules ??= NodeModules;
        var index = IndexPath;
        if (!File.Exists(index))
        {
            return false;
        }
        if (nodeModules is null)
        {
            return true;
        }
        var source = Path.Combine(nodeModules, GazetteerCompiler.CitiesPath);
        return File.GetLastWriteTimeUtc(index) >= File.GetLastWriteTimeUtc(source);
    }

    /// <summary>Compiles the index if it is missing or stale. Returns a message for people, or null when nothing was done.</summary>
    public static string? EnsureCompiled(CommonData common, bool force = false, CancellationToken cancellationToken = default)
    {
        var nodeModules = NodeModules;
        if (!force && IsFresh(nodeModules))
        {
            return null;
        }
        if (nodeModules is null)
        {
            return "the GeoNames gazetteer is not installed (run `npm ci` in the repository root); places resolve to countries and Kabar's own list only";
        }
        var (places, names) = GazetteerCompiler.Compile(nodeModules, IndexPath, common, cancellationToken);
        return $"compiled the gazetteer: {places:N0} places, {names:N0} names → {IndexPath}";
    }

    /// <summary>The process-wide gazetteer, compiled on first use when needed; empty when GeoNames is not installed.</summary>
    public static Gazetteer Shared(CommonData common, Action<string>? report = null)
    {
        lock (Gate)
        {
            if (_shared is not null)
            {
                return _shared;
            }
            try
            {
                var message = EnsureCompiled(common);
                if (message is not null)
                {
                    report?.Invoke(message);
                }
                _shared = File.Exists(IndexPath) ? Gazetteer.Load(IndexPath) : Gazetteer.Empty;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                report?.Invoke($"gazetteer unavailable: {ex.Message}");
                _shared = Gazetteer.Empty;
            }
            return _shared;
        }
    }
}
