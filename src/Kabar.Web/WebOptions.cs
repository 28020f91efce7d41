using Kabar.Input;
using Kabar.Pipeline;
using Kabar.Storage;

namespace Kabar.Web;

/// <summary>How <c>kabar serve</c> runs: the store, the engine, where to listen and who may write.</summary>
public sealed record WebOptions
{
    /// <summary>Where Kestrel listens unless <see cref="Urls"/> says otherwise: loopback only, so nothing is exposed by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Largest request body accepted by <c>POST /api/v1/extract</c> and <c>POST /api/v1/documents</c> by default (2 MiB).</summary>
    public const long DefaultMaxBytes = 2L * 1024 * 1024;

    /// <summary>The open store. The host serialises access to it (one <see cref="EventStore"/> holds one connection).</summary>
    public required EventStore Store { get; init; }

    /// <summary>Makes the engine (once, on first use or when the host starts warming it).</summary>
    public required Func<KabarEngine> Engine { get; init; }

    /// <summary>URLs to listen on (<c>--urls</c>); a port of 0 picks a free one.</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>When set, write endpoints require it in <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Refuse every write (<c>POST /api/v1/documents</c>) with 403.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Most events one <c>GET /api/v1/events</c> page may hold.</summary>
    public int MaxPage { get; init; } = 5000;

    /// <summary>Reader settings for posted articles.</summary>
    internal ReaderOptions Reader => new(MaxBytes);
}
