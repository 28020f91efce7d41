using Kabar.Pipeline;

namespace Kabar.Tests.Support;

/// <summary>Paths of the repository and of ../shared, and one engine shared by every test (it is immutable).</summary>
public static class Repo
{
    private static readonly Lazy<KabarEngine> SharedEngine = new(() => KabarEngine.Create());

    /// <summary>The repository root (the folder holding Kabar.slnx).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the checkout, or null when it is not there.</summary>
    public static string? Shared
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>A file under ../shared; the calling test is skipped (with the reason) when ../shared is not beside the checkout.</summary>
    public static string SharedFile(params string[] parts)
    {
        Skip.If(Shared is null, "../shared is not beside the checkout");
        var path = Path.Combine([Shared!, .. parts]);
        Skip.IfNot(File.Exists(path), path + " is not there");
        return path;
    }

    /// <summary>The engine with the embedded language data and the world gazetteer.</summary>
    public static KabarEngine Engine => SharedEngine.Value;

    /// <summary>A path under the repository.</summary>
    public static string Path_(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kabar.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Kabar.slnx) above " + AppContext.BaseDirectory);
    }
}
