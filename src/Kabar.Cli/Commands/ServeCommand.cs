using System.CommandLine;
using Kabar.Input;
using Kabar.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar serve</c>: the REST API and the analyst's page over the store.</summary>
internal static class ServeCommand
{
    /// <summary>Environment variable holding the API key when <c>--api-key</c> is not given.</summary>
    public const string ApiKeyVariable = "KABAR_API_KEY";

    public static Command Create()
    {
        var command = new Command("serve", "Serve the web page (map, timeline, events, annotated articles) and the JSON API over the store.");
        var db = StoreOptions.Db();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated (default {WebOptions.DefaultUrl}: this machine only; port 0 picks a free one).",
            DefaultValueFactory = _ => WebOptions.DefaultUrl,
        };
        var apiKey = new Option<string?>("--api-key") { Description = $"Require this key (X-Api-Key header) for writes (default: ${ApiKeyVariable})." };
        var readOnly = new Option<bool>("--read-only") { Description = "Refuse writes (POST /api/v1/documents); extraction without storing still works." };
        var maxBytes = new Option<long>("--max-bytes")
        {
            Description = "Largest request body accepted by extract and ingest, in bytes.",
            DefaultValueFactory = _ => WebOptions.DefaultMaxBytes,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No notices on standard error." };
        foreach (var option in (Option[])[db, urls, apiKey, readOnly, maxBytes, quiet])
        {
            command.Options.Add(option);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            var max = parse.GetValue(maxBytes);
            if (max < 1 || max > ReaderOptions.DefaultMaxBytes)
            {
                await Console.Error.WriteLineAsync($"kabar: error: --max-bytes must be between 1 and {ReaderOptions.DefaultMaxBytes}");
                return KabarCli.UsageError;
            }
            var key = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable);
            await using var store = await StoreOptions.OpenAsync(parse.GetValue(db), cancellationToken);
            if (store is null)
            {
                return KabarCli.InputError;
            }
            var isQuiet = parse.GetValue(quiet);
            var options = new WebOptions
            {
                Store = store,
                Engine = () => EngineFactory.Create(isQuiet),
                Urls = parse.GetValue(urls)!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ApiKey = string.IsNullOrEmpty(key) ? null : key,
                ReadOnly = parse.GetValue(readOnly),
                MaxBytes = max,
            };
            await using var app = KabarWeb.Build(options);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                // Address in use, or not allowed: one line, not a stack trace.
                await Console.Error.WriteLineAsync($"kabar: error: cannot listen on {string.Join(", ", options.Urls)}: {ex.Message}");
                return KabarCli.InputError;
            }
            // The actual addresses (a port of 0 becomes a real one); tests and scripts read this line.
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Console.Out.WriteLine($"kabar: serving {store.Location.Display} at {address}/ (API reference: {address}/api)");
            }
            Console.Out.Flush();
            await app.WaitForShutdownAsync(cancellationToken);
            return KabarCli.Ok;
        });
        return command;
    }
}
