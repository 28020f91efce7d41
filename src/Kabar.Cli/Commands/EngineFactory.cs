using Kabar.Pipeline;

namespace Kabar.Cli.Commands;

/// <summary>Builds the engine once per process, reporting gazetteer notices on standard error.</summary>
internal static class EngineFactory
{
    public static KabarEngine Create(bool quiet = false) => KabarEngine.Create(new EngineOptions
    {
        Report = message =>
        {
            if (!quiet)
            {
                Console.Error.WriteLine($"kabar: {message}");
            }
        },
    });
}
