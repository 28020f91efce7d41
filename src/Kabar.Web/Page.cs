namespace Kabar.Web;

/// <summary>The analyst's page (<c>/</c>), the API reference page (<c>/api</c>) and their embedded assets.</summary>
internal static class Page
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => File("page/index.html")).ExcludeFromDescription();
        app.MapGet("/api", () => File("page/api.html")).ExcludeFromDescription();
        app.MapGet("/assets/{**path}", (string path, HttpContext context) =>
        {
            // Page files are under assets/…, registry packages under assets/npm/….
            var name = path.StartsWith("npm/", StringComparison.Ordinal) ? path : "page/" + path;
            if (Assets.Find(name) is not { } asset)
            {
                return Results.NotFound();
            }
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(asset.Bytes, asset.ContentType);
        }).ExcludeFromDescription();
    }

    private static IResult File(string name) => Assets.Find(name) is { } asset
        ? Results.Bytes(asset.Bytes, asset.ContentType)
        : Results.NotFound();
}
