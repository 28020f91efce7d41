using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace Kabar.Web;

/// <summary>
/// <c>kabar serve</c>'s web application: the versioned JSON API under <c>/api/v1</c>, its OpenAPI document
/// (<c>/openapi/v1.json</c>) and reference page (<c>/api</c>), and the analyst's page (<c>/</c>) with its embedded assets.
/// </summary>
public static class KabarWeb
{
    /// <summary>Builds the application (not started): the caller runs it and disposes it.</summary>
    public static WebApplication Build(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KabarWeb).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        // Request logs would drown the one line that says where the page is; warnings and errors still show.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            // Errors the framework raises before a handler runs get a sentence too, like the handlers' own.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType =>
                    $"send application/json ({{\"text\": …}}), text/plain or text/html, not {context.HttpContext.Request.ContentType}",
                StatusCodes.Status404NotFound => $"nothing at {context.HttpContext.Request.Path}; the API is described at /api",
                StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {context.HttpContext.Request.Path}",
                _ => null,
            };
        });
        builder.Services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Kabar API",
                Version = "v1",
                Description = "Geocoded CAMEO/PLOVER events from Indonesian and English news: query the store, read annotated "
                    + "documents, extract without storing, ingest. Write endpoints take an API key in X-Api-Key when the server has one.",
            };
            return Task.CompletedTask;
        }));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new StoreGate(options.Store));
        builder.Services.AddSingleton(new EngineHolder(options.Engine));
        var app = builder.Build();
        app.UseStatusCodePages();
        app.MapOpenApi("/openapi/{documentName}.json");
        Api.Map(app);
        Page.Map(app);
        return app;
    }
}

/// <summary>Creates the engine once, on first use (loading the gazetteer takes a few seconds), shared by every request:
/// the engine is immutable.</summary>
internal sealed class EngineHolder(Func<Pipeline.KabarEngine> create)
{
    private readonly Lazy<Pipeline.KabarEngine> _engine = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public Pipeline.KabarEngine Engine => _engine.Value;

    /// <summary>Starts loading in the background so the first extract does not wait for it.</summary>
    public void Warm() => _ = Task.Run(() => _engine.Value);
}
