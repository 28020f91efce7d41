using System.Diagnostics;

namespace Kabar.Tests.Support;

/// <summary>The real command line as a child process, from the CLI project's own build output (same configuration as the tests).</summary>
/// <remarks>The copy of kabar.dll beside the tests would resolve assemblies through the tests' dependencies, not its own.</remarks>
public static class KabarProcess
{
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
    public static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
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
}
