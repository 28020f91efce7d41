using System.CommandLine;
using System.Diagnostics;
using Kabar.Geo;
using Kabar.Languages;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar gazetteer build|info</c>: compile the GeoNames index, show where it is.</summary>
internal static class GazetteerCommand
{
    public static Command Create()
    {
        var command = new Command("gazetteer", "Compile or inspect the world gazetteer (GeoNames, installed by npm ci).");
        var build = new Command("build", "Compile the gazetteer index from node_modules (done automatically on first use).");
        var force = new Option<bool>("--force") { Description = "Rebuild even when the index is up to date." };
        var ifStale = new Option<bool>("--quiet") { Description = "Print nothing when there is nothing to do." };
        build.Options.Add(force);
        build.Options.Add(ifStale);
        build.SetAction(parse =>
        {
            var common = CommonData.Load(DataSource.Embedded);
            var started = Stopwatch.StartNew();
            var message = GazetteerStore.EnsureCompiled(common, parse.GetValue(force));
            if (message is null)
            {
                if (!parse.GetValue(ifStale))
                {
                    Console.WriteLine($"gazetteer is up to date: {GazetteerStore.IndexPath}");
                }
                return KabarCli.Ok;
            }
            Console.Error.WriteLine($"kabar: {message} ({started.Elapsed.TotalSeconds:0.0} s)");
            return GazetteerStore.NodeModules is null ? KabarCli.InputError : KabarCli.Ok;
        });
        var info = new Command("info", "Show the gazetteer's source, index and size.");
        info.SetAction(_ =>
        {
            var common = CommonData.Load(DataSource.Embedded);
            var started = Stopwatch.StartNew();
            var gazetteer = GazetteerStore.Shared(common, m => Console.Error.WriteLine($"kabar: {m}"));
            Console.WriteLine($"source:  {GazetteerStore.NodeModules ?? "(not installed: run npm ci)"}");
            Console.WriteLine($"index:   {gazetteer.Source ?? "(none)"}");
            Console.WriteLine($"places:  {gazetteer.Count:N0}");
            Console.WriteLine($"names:   {gazetteer.NameCount:N0}");
            Console.WriteLine($"loaded in {started.Elapsed.TotalMilliseconds:0} ms");
            return KabarCli.Ok;
        });
        command.Subcommands.Add(build);
        command.Subcommands.Add(info);
        return command;
    }
}
