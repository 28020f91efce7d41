using System.CommandLine;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar documents remove|show ID|URL</c>.</summary>
internal static class DocumentsCommand
{
    public static Command Create()
    {
        var command = new Command("documents", "Show or remove stored documents.");
        var remove = new Command("remove", "Remove a document and its events; merged events it reported are recounted, and disappear when it was their only report.");
        var show = new Command("show", "Print a stored document's full result JSON (as 'kabar extract' wrote it).");
        foreach (var sub in (Command[])[remove, show])
        {
            var key = new Argument<string>("id-or-url") { Description = "The document's id (file name, record id) or URL." };
            var db = StoreOptions.Db();
            sub.Arguments.Add(key);
            sub.Options.Add(db);
            var all = new Option<bool>("--all") { Description = "Remove every document with this id when several share it." };
            if (sub == remove)
            {
                sub.Options.Add(all);
            }
            sub.SetAction(async (parse, cancellationToken) =>
            {
                await using var store = await StoreOptions.OpenAsync(parse.GetValue(db), cancellationToken);
                if (store is null)
                {
                    return KabarCli.InputError;
                }
                var id = parse.GetValue(key)!;
                if (sub == show)
                {
                    if (await store.GetDocumentJsonAsync(id, cancellationToken) is { } json)
                    {
                        Console.Out.WriteLine(json);
                        return KabarCli.Ok;
                    }
                    await Console.Error.WriteLineAsync($"kabar: error: no document has the id or URL '{id}'");
                    return KabarCli.InputError;
                }
                var found = await store.FindDocumentsAsync(id, cancellationToken);
                if (found.Count == 0)
                {
                    await Console.Error.WriteLineAsync($"kabar: error: no document has the id or URL '{id}'");
                    return KabarCli.InputError;
                }
                if (found.Count > 1 && !parse.GetValue(all))
                {
                    await Console.Error.WriteLineAsync($"kabar: error: {found.Count} documents match '{id}' ({string.Join(", ", found.Select(f => f.Url ?? f.DocId))}); "
                        + "give a URL, or --all to remove them all");
                    return KabarCli.UsageError;
                }
                foreach (var removed in await store.RemoveDocumentsAsync(id, cancellationToken))
                {
                    Console.Out.WriteLine($"removed {removed.Url ?? removed.DocId} and its {removed.Events} events");
                }
                return KabarCli.Ok;
            });
            command.Subcommands.Add(sub);
        }
        return command;
    }
}
