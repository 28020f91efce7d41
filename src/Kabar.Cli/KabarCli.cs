using System.CommandLine;
using Kabar.Actors;
using Kabar.Cli.Commands;
using Kabar.Languages;

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
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(EventsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(FailuresCommand.Create());
        root.Subcommands.Add(DocumentsCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        var dictionaries = new Option<string[]>("--dict")
        {
            Description = "Your own actors and aliases (TSV or YAML; repeatable; also $KABAR_DICT, ':'-separated). See README, 'Your own actors'.",
            Recursive = true,
        };
        root.Options.Add(dictionaries);
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
        var userDictionaries = (Environment.GetEnvironmentVariable("KABAR_DICT") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(parse.GetValue(dictionaries) ?? []).ToList();
        if (userDictionaries.Count > 0)
        {
            try
            {
                // Check before any work starts, so a typo is one clear line naming the file and line.
                var common = CommonData.Load(DataSource.Embedded);
                _ = UserDictionary.ToTable(userDictionaries, common.IsCountry);
            }
            catch (DataFileException ex)
            {
                await Console.Error.WriteLineAsync($"kabar: error: {ex.Message}");
                return InputError;
            }
            EngineFactory.UserDictionaries = userDictionaries;
        }
        return await parse.InvokeAsync();
    }
}
