using System.Diagnostics;
using System.Text;

namespace Kabar.Tests.Support;

/// <summary>Runs the real `kabar` command line in a child process, as a user would.</summary>
public static class KabarProcess
{
    /// <summary>The result of a run.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs `dotnet kabar.dll ARGS` with optional standard input; fails the test after two minutes.</summary>
    public static Result RunWithInput(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kabar.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
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
