using System.Diagnostics;
using System.Text;

namespace Kabar.Tests.Support;

/// <summary>The real `kabar` command line as a child process, as a user runs it, from the CLI project's own build output
/// (same configuration as the tests).</summary>
/// <remarks>The copy of kabar.dll beside the tests would resolve assemblies through the tests' dependencies, not its own.</remarks>
public static class KabarProcess
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Path of the CLI's kabar.dll.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Repo.Path_("src", "Kabar.Cli", "bin", configuration, "net10.0", "kabar.dll");
            Assert.True(File.Exists(dll), $"build the CLI first: {dll} is missing");
            return dll;
        }
    }

    /// <summary>Starts <c>kabar ARGS</c> with standard output and error redirected.</summary>
    public static Process Start(params string[] args) => Start(null, args);

    /// <summary>Starts <c>kabar ARGS</c> with standard output and error redirected and the environment changed: a value of
    /// null removes the variable.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        return Process.Start(info)!;
    }

    /// <summary>Runs <c>kabar ARGS</c> to the end.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs <c>kabar ARGS</c> with optional standard input; fails the test after two minutes.</summary>
    public static Result RunWithInput(string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kabar " + string.Join(' ', args) + " did not finish");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs without standard input.</summary>
    public static Result Run(params string[] args) => RunWithInput(null, args);
}

/// <summary>A temporary folder deleted at the end of the test.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempDirectory() => Directory.CreateDirectory(Path);

    /// <summary>Full path.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kabar-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Writes a file in the folder and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Copies a folder's files, sub-folders included, into this one (a language folder to edit, say).</summary>
    public void CopyFrom(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(folder, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }
    }

    /// <summary>Writes bytes in the folder and returns the path.</summary>
    public string File(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
