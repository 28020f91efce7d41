using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kabar.Input;
using Kabar.Languages;
using Kabar.Model;
using Kabar.Output;
using Kabar.Storage;
using Kabar.Storage.Export;
using Microsoft.AspNetCore.Mvc;

namespace Kabar.Web;

/// <summary>The JSON API, version 1. Events are written by the exporter's JSON writer and documents by the extract
/// output writer, so the API, <c>kabar events --format jsonl</c> and <c>kabar extract</c> agree field for field.</summary>
internal static class Api
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<CommonData> Common = new(() => CommonData.Load(DataSource.Embedded));

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("v1");
        api.MapGet("/events", ListEventsAsync)
            .WithName("ListEvents")
            .WithSummary("Stored events, one per merged event (newest first), or every report with mentions=true.")
            .WithDescription("Filters as in 'kabar events'. Pages with cursors: pass next_cursor back as cursor until it is null.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/events/{id:long}", GetEventAsync)
            .WithName("GetEvent")
            .WithSummary("One stored event with its evidence, the other reports of the same merged event, and their sources.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/documents/{**id}", GetDocumentAsync)
            .WithName("GetDocument")
            .WithSummary("A stored document by id or URL: cleaned text, removed debris, sentences, entities and events with offsets.")
            .WithDescription("The same JSON 'kabar extract' writes and 'kabar documents show' prints.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/extract", ExtractAsync)
            .WithName("Extract")
            .WithSummary("Extract entities and events from an article without storing it.")
            .WithDescription("Body: JSON {\"text\"|\"html\", \"id\"?, \"published\"?, \"language\"?, \"url\"?, \"title\"?}, "
                + "or the article itself as text/plain or text/html (with id, published, language, url as query parameters).")
            .Accepts<ArticleRequest>("application/json", "text/plain", "text/html")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/documents", IngestAsync)
            .WithName("Ingest")
            .WithSummary("Process an article and store it with its events (as 'kabar ingest' does).")
            .WithDescription("Same body as /extract. Needs the API key when the server has one; refused when the server is read-only. "
                + "201 for a new document, 200 when the same text is already stored.")
            .Accepts<ArticleRequest>("application/json", "text/plain", "text/html")
            .Produces<IngestResponse>(StatusCodes.Status201Created)
            .Produces<IngestResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/stats", StatsAsync)
            .WithName("Stats")
            .WithSummary("Counts (documents, events, merged events, failures), the busiest days, countries and CAMEO roots, and the store's health.")
            .Produces<StoreStats>();
        api.MapGet("/codes", Codes)
            .WithName("Codes")
            .WithSummary("The CAMEO codebook (name, quad class, Goldstein, PLOVER type and mode) and the country names the page uses for labels.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/server", (WebOptions options) => TypedResults.Ok(new ServerInfo(options.ReadOnly, options.ApiKey is not null, options.MaxBytes)))
            .WithName("Server")
            .WithSummary("What this server allows: read-only, whether writes need an API key, the largest body.");
        app.Services.GetRequiredService<EngineHolder>().Warm();
    }

    /// <summary>GET /api/v1/events.</summary>
    private static async Task<IResult> ListEventsAsync(StoreGate gate, WebOptions options,
        string? from, string? to, string? actor, string? country, string? cameo, string? plover, string? place, string? near, string? text,
        bool? mentions, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? Date(string? value, string name)
        {
            if (value is null)
            {
                return null;
            }
            var date = DocumentReader.ParseDate(value);
            if (date is null)
            {
                errors[name] = [$"'{value}' is not a date (yyyy-MM-dd)"];
            }
            return date;
        }
        var fromDate = Date(from, "from");
        var toDate = Date(to, "to");
        (double, double, double)? point = null;
        if (near is not null)
        {
            if (EventFilter.TryParseNear(near, out var parsed))
            {
                point = parsed;
            }
            else
            {
                errors["near"] = [$"'{near}' is not LAT,LON,KM (e.g. 31.29,34.24,25)"];
            }
        }
        var size = limit ?? 100;
        if (size < 1 || size > options.MaxPage)
        {
            errors["limit"] = [string.Create(CultureInfo.InvariantCulture, $"must be between 1 and {options.MaxPage}")];
        }
        var offset = 0;
        if (cursor is not null && !TryReadCursor(cursor, out offset))
        {
            errors["cursor"] = ["not a cursor this API gave out (pass next_cursor back unchanged)"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Bad filter");
        }
        var filter = new EventFilter
        {
            From = fromDate,
            To = toDate,
            Actor = actor,
            Country = country,
            Cameo = cameo,
            Plover = plover,
            Place = place,
            Near = point,
            Text = text,
            Mentions = mentions ?? false,
            // One row past the page says whether there is a next one.
            Limit = offset + size + 1,
        };
        var rows = await gate.RunAsync((store, ct) => store.QueryAsync(filter, ct), cancellationToken);
        var page = rows.Skip(offset).Take(size).ToList();
        var next = rows.Count > offset + size ? MakeCursor(offset + size) : null;
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("count", page.Count);
            if (next is null)
            {
                writer.WriteNull("next_cursor");
            }
            else
            {
                writer.WriteString("next_cursor", next);
            }
            writer.WriteStartArray("items");
            foreach (var row in page)
            {
                EventJson(row).WriteTo(writer);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    /// <summary>GET /api/v1/events/{id}.</summary>
    private static async Task<IResult> GetEventAsync(long id, StoreGate gate, CancellationToken cancellationToken)
    {
        var (row, reports) = await gate.RunAsync(async (store, ct) =>
        {
            var row = await store.GetEventAsync(id, ct);
            return (row, row is null ? [] : await store.ClusterEventsAsync(row.ClusterId, ct));
        }, cancellationToken);
        if (row is null)
        {
            return Problem(StatusCodes.Status404NotFound, "No such event", string.Create(CultureInfo.InvariantCulture, $"there is no event {id} in the store"));
        }
        var json = EventJson(row);
        var array = new JsonArray();
        foreach (var report in reports)
        {
            var item = new JsonObject
            {
                ["event_id"] = report.EventId,
                ["event_key"] = report.Event.EventKey,
                ["document_id"] = report.DocId,
                ["url"] = report.Url,
                ["site"] = report.Site,
                ["title"] = report.Title,
                ["published"] = report.Published,
                ["evidence"] = report.Event.Evidence,
                ["sentence"] = report.Event.SentenceText,
                ["sentence_index"] = report.Event.Sentence,
                ["cameo"] = report.Event.Cameo,
                ["date"] = report.Event.DateValue,
                ["place"] = report.Event.PlaceName,
            };
            array.Add(item);
        }
        json["reports"] = array;
        return Json(writer => json.WriteTo(writer));
    }

    /// <summary>GET /api/v1/documents/{id}.</summary>
    private static async Task<IResult> GetDocumentAsync(string id, StoreGate gate, CancellationToken cancellationToken)
    {
        id = Uri.UnescapeDataString(id);
        var json = await gate.RunAsync((store, ct) => store.GetDocumentJsonAsync(id, ct), cancellationToken);
        return json is null
            ? Problem(StatusCodes.Status404NotFound, "No such document", $"there is no document with id or URL '{id}' in the store")
            : Results.Text(json, "application/json", Encoding.UTF8);
    }

    /// <summary>POST /api/v1/extract.</summary>
    private static async Task<IResult> ExtractAsync(HttpRequest request, WebOptions options, EngineHolder engine, CancellationToken cancellationToken)
    {
        var (document, error) = await ProcessAsync(request, options, engine, cancellationToken);
        return error ?? Results.Text(ResultWriter.ToJson(document!), "application/json", Encoding.UTF8);
    }

    /// <summary>POST /api/v1/documents.</summary>
    private static async Task<IResult> IngestAsync(HttpRequest request, WebOptions options, EngineHolder engine, StoreGate gate,
        CancellationToken cancellationToken)
    {
        if (Refuse(request, options) is { } refused)
        {
            return refused;
        }
        var (document, error) = await ProcessAsync(request, options, engine, cancellationToken);
        if (error is not null)
        {
            return error;
        }
        var record = DocumentRecord.From(document!, "api:" + document!.Id);
        var summary = await gate.RunAsync((store, ct) => store.WriteAsync([record], ct), cancellationToken);
        var location = "/api/v1/documents/" + Uri.EscapeDataString(record.DocId);
        var response = new IngestResponse(record.DocId, summary.New > 0, summary.Duplicates > 0, summary.Replaced > 0, summary.Events, location);
        return summary.New > 0 ? TypedResults.Created(location, response) : TypedResults.Ok(response);
    }

    /// <summary>GET /api/v1/stats.</summary>
    private static async Task<IResult> StatsAsync(StoreGate gate, CancellationToken cancellationToken) =>
        TypedResults.Ok(await gate.RunAsync((store, ct) => store.StatsAsync(cancellationToken: ct), cancellationToken));

    /// <summary>GET /api/v1/codes.</summary>
    private static IResult Codes() => Json(writer =>
    {
        var common = Common.Value;
        writer.WriteStartObject();
        writer.WriteStartObject("cameo");
        foreach (var code in common.Cameo.Values.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            writer.WriteStartObject(code.Code);
            writer.WriteString("name", code.Name);
            writer.WriteNumber("quad_class", code.QuadClass);
            writer.WriteNumber("goldstein", code.Goldstein);
            writer.WriteString("plover", code.Plover);
            writer.WriteString("plover_mode", code.PloverMode);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteStartObject("countries");
        foreach (var country in common.Countries.Values.OrderBy(c => c.Iso3, StringComparer.Ordinal))
        {
            writer.WriteString(country.Iso3, country.Name);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    /// <summary>An event as the exporter writes it, plus its key in the document (<c>e3</c>) and sentence index, which
    /// the page needs to find its evidence in the document's JSON.</summary>
    private static JsonObject EventJson(EventRow row)
    {
        var json = JsonNode.Parse(Exporter.Json(row))!.AsObject();
        json["event_key"] = row.Event.EventKey;
        json["sentence_index"] = row.Event.Sentence;
        return json;
    }

    /// <summary>Reads, checks and processes a posted article; exactly one of the pair is set.</summary>
    private static async Task<(Document? Document, IResult? Error)> ProcessAsync(HttpRequest request, WebOptions options, EngineHolder engine,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.MaxBytes)
        {
            return (null, TooLarge(request.ContentLength.Value, options.MaxBytes));
        }
        var media = request.ContentType is { } type ? type.Split(';')[0].Trim().ToLowerInvariant() : "text/plain";
        if (media is not ("application/json" or "text/plain" or "text/html"))
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"send application/json ({{\"text\": …}}), text/plain or text/html, not {media}"));
        }
        var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > options.MaxBytes)
            {
                return (null, TooLarge(body.Length, options.MaxBytes));
            }
        }
        if (body.Length == 0)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Empty body", "send the article (text or HTML) or a JSON object with \"text\" or \"html\""));
        }
        var reader = new DocumentReader(options.Reader);
        SourceDocument source;
        try
        {
            if (media == "application/json")
            {
                var record = reader.ReadRecord(Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length), 1);
                if (record.Document is null)
                {
                    return (null, Problem(StatusCodes.Status400BadRequest, "Bad request body", record.Error ?? "not an article"));
                }
                source = record.Document;
                if (record.Id == "line-1")
                {
                    // No id given: name the document after its content, so posting it twice is recognised as a duplicate.
                    source = source with { Id = "api-" + DocumentRecord.ContentHash(source.Text)[..12] };
                }
            }
            else
            {
                var query = request.Query;
                var bytes = body.ToArray();
                string? id = query["id"];
                source = reader.FromBytes(bytes, id ?? "api-" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..12], media == "text/html" ? true : null, query["url"]);
                if (query["published"].ToString() is { Length: > 0 } published)
                {
                    var date = DocumentReader.ParseDate(published)
                        ?? throw new InputException($"published '{published}' is not a date (yyyy-MM-dd)");
                    source = source with { Published = date, PublishedSource = "caller" };
                }
                if (query["language"].ToString() is { Length: > 0 } language)
                {
                    source = source with { Language = language.ToLowerInvariant() };
                }
                if (query["title"].ToString() is { Length: > 0 } title)
                {
                    source = source with { Metadata = source.Metadata with { Title = title } };
                }
            }
        }
        catch (InputException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Bad article", ex.Message));
        }
        try
        {
            // The pipeline is CPU-bound: run it off the request thread.
            var document = await Task.Run(() => engine.Engine.Process(source, cancellationToken), cancellationToken);
            return (document, null);
        }
        catch (InputException ex)
        {
            return (null, Problem(StatusCodes.Status422UnprocessableEntity, "Cannot process the article", ex.Message));
        }
    }

    /// <summary>The refusal of a write, or null when it may go ahead.</summary>
    private static IResult? Refuse(HttpRequest request, WebOptions options)
    {
        if (options.ReadOnly)
        {
            return Problem(StatusCodes.Status403Forbidden, "Read-only", "this server was started with --read-only: it does not store documents");
        }
        if (options.ApiKey is not { } key)
        {
            return null;
        }
        string? given = request.Headers["X-Api-Key"];
        if (given is null && request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization[7..].Trim();
        }
        // Constant-time comparison: the time taken does not tell how much of a guess was right.
        if (given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
        {
            return null;
        }
        request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, "API key required",
            given is null ? "this server needs an API key for writes: send it in X-Api-Key (or Authorization: Bearer)" : "the API key is wrong");
    }

    private static IResult TooLarge(long size, long max) => Problem(StatusCodes.Status413PayloadTooLarge, "Too large",
        string.Create(CultureInfo.InvariantCulture, $"the body has {size} bytes or more; this server takes at most {max} (--max-bytes)"));

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Writer))
        {
            write(writer);
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }

    private static string MakeCursor(int offset)
    {
        var bytes = Encoding.ASCII.GetBytes("o" + offset.ToString(CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(bytes);
    }

    private static bool TryReadCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            // A bound keeps offset + limit within an int; no store lists anywhere near this many rows a page at a time.
            return text.StartsWith('o') && int.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && offset <= 100_000_000;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>The JSON body of <c>POST /api/v1/extract</c> and <c>POST /api/v1/documents</c> (the record of a JSON Lines batch).</summary>
/// <param name="Id">The document's id (default: derived from its content).</param>
/// <param name="Text">The article as plain text.</param>
/// <param name="Html">The article as an HTML page (boilerplate is removed).</param>
/// <param name="Published">Publication date (yyyy-MM-dd): the anchor for relative dates.</param>
/// <param name="Language">Language code (id, en); skips identification.</param>
/// <param name="Url">Canonical URL.</param>
/// <param name="Title">Headline.</param>
public sealed record ArticleRequest(string? Id, string? Text, string? Html, string? Published, string? Language, string? Url, string? Title);

/// <summary>What <c>POST /api/v1/documents</c> did.</summary>
/// <param name="Id">The document's id.</param>
/// <param name="New">True when it was stored as a new document.</param>
/// <param name="Duplicate">True when the same text was already stored.</param>
/// <param name="Replaced">True when it replaced an earlier version under the same URL.</param>
/// <param name="Events">Events stored.</param>
/// <param name="Location">Where to read it back.</param>
public sealed record IngestResponse(string Id, bool New, bool Duplicate, bool Replaced, int Events, string Location);

/// <summary>What this server allows.</summary>
/// <param name="ReadOnly">Writes are refused.</param>
/// <param name="ApiKeyRequired">Writes need the API key.</param>
/// <param name="MaxBytes">Largest request body accepted.</param>
public sealed record ServerInfo(bool ReadOnly, bool ApiKeyRequired, long MaxBytes);
