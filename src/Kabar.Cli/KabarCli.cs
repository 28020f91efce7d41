using System.CommandLine;
using Kabar.Cli.Commands;

namespace Kabar.Cli;

/// <summary>The <c>kabar</c> command line: a thin host over Kabar.Core.</summary>
public static class KabarCli
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for bad input (missing, empty, binary, unreadable, unsupported language).</summary>
    public const int InputError = 1;

    /// <summary>Exit code for a usage error (unknown option, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>Parses and runs.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Kabar: news reports in, geocoded who-did-what-to-whom events out (Indonesian and English).");
        root.Subcommands.Add(ExtractCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GazetteerCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"kabar: error: {error.Message}");
            }
            await Console.Error.WriteLineAsync("Run 'kabar --help' for usage.");
            return UsageError;
        }
        return await parse.InvokeAsync();
    }
}
