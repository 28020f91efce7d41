using System.CommandLine;
using Kabar.Input;
using Kabar.Storage;

namespace Kabar.Cli.Commands;

/// <summary>Options shared by the commands that use the event store.</summary>
internal static class StoreOptions
{
    public static Option<string?> Db() => new("--db")
    {
        Description = $"The store: a SQLite file, postgres://user@host:port/db, or Host=…;Username=… (default: ${StoreLocation.EnvironmentVariable}, else {StoreLocation.DefaultPath}).",
    };

    /// <summary>Opens the store, or says why not on standard error and returns null.</summary>
    public static async Task<EventStore?> OpenAsync(string? db, CancellationToken cancellationToken)
    {
        try
        {
            return await EventStore.OpenAsync(db, cancellationToken);
        }
        catch (StoreException ex)
        {
            await Console.Error.WriteLineAsync($"kabar: error: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"kabar: error: --db: {ex.Message}");
        }
        catch (UriFormatException ex)
        {
            await Console.Error.WriteLineAsync($"kabar: error: --db: {ex.Message}");
        }
        return null;
    }

    public static DateOnly? Date(string? value, string option, ref bool bad)
    {
        if (value is null)
        {
            return null;
        }
        if (DocumentReader.ParseDate(value) is { } date)
        {
            return date;
        }
        Console.Error.WriteLine($"kabar: error: {option} '{value}' is not a date (yyyy-MM-dd)");
        bad = true;
        return null;
    }
}

/// <summary>The filters of <c>kabar events</c> and <c>kabar export</c>.</summary>
internal sealed class FilterOptions
{
    public Option<string?> From { get; } = new("--from") { Description = "Events on or after this day (yyyy-MM-dd)." };
    public Option<string?> To { get; } = new("--to") { Description = "Events on or before this day (yyyy-MM-dd)." };
    public Option<string?> Actor { get; } = new("--actor") { Description = "Actor code prefix (ISR, ISRMIL) or part of an actor's name, source or target." };
    public Option<string?> Country { get; } = new("--country") { Description = "ISO 3166-1 alpha-3 country of the source or target." };
    public Option<string?> Cameo { get; } = new("--cameo") { Description = "CAMEO code prefix (19, 190, 0256)." };
    public Option<string?> Plover { get; } = new("--plover") { Description = "PLOVER event type (ASSAULT, PROTEST…)." };
    public Option<string?> Place { get; } = new("--place") { Description = "Part of the place name." };
    public Option<string?> Near { get; } = new("--near") { Description = "LAT,LON,KM: within KM kilometres of a point." };
    public Option<string?> Text { get; } = new("--text") { Description = "Part of the evidence or the sentence." };
    public Option<bool> Mentions { get; } = new("--mentions") { Description = "Every report instead of one row per merged event." };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[From, To, Actor, Country, Cameo, Plover, Place, Near, Text, Mentions])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The filter, or null after reporting a bad value.</summary>
    public EventFilter? Read(ParseResult parse, int limit, bool ascending)
    {
        var bad = false;
        var from = StoreOptions.Date(parse.GetValue(From), "--from", ref bad);
        var to = StoreOptions.Date(parse.GetValue(To), "--to", ref bad);
        (double, double, double)? near = null;
        if (parse.GetValue(Near) is { } text)
        {
            if (EventFilter.TryParseNear(text, out var point))
            {
                near = point;
            }
            else
            {
                Console.Error.WriteLine($"kabar: error: --near '{text}' is not LAT,LON,KM (e.g. 31.29,34.24,25)");
                bad = true;
            }
        }
        if (bad)
        {
            return null;
        }
        return new EventFilter
        {
            From = from,
            To = to,
            Actor = parse.GetValue(Actor),
            Country = parse.GetValue(Country),
            Cameo = parse.GetValue(Cameo),
            Plover = parse.GetValue(Plover),
            Place = parse.GetValue(Place),
            Near = near,
            Text = parse.GetValue(Text),
            Mentions = parse.GetValue(Mentions),
            Limit = Math.Max(0, limit),
            Ascending = ascending,
        };
    }
}
