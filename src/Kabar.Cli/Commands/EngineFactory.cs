using Kabar.Pipeline;

namespace Kabar.Cli.Commands;

/// <summary>Builds the engine once per process, reporting gazetteer notices on standard error.</summary>
internal static class EngineFactory
{
    /// <summary>The user's dictionaries (<c>--dict</c>, <c>$KABAR_DICT</c>), set once by the command line before a command runs.</summary>
    public static IReadOnlyList<string> UserDictionaries { get; set; } = [];

    public static KabarEngine Create(bool quiet = false) => KabarEngine.Create(new EngineOptions
    {
        UserDictionaries = UserDictionaries,
        Report = message =>
        {
            if (!quiet)
            {
                Console.Error.WriteLine($"kabar: {message}");
            }
        },
    });
}
