using Kabar.Storage;

namespace Kabar.Web;

/// <summary>One store shared by every request, one request at a time: an <see cref="EventStore"/> holds one connection
/// and is not thread-safe. An analyst's server sees few concurrent requests, and each query is short.</summary>
internal sealed class StoreGate(EventStore store)
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public EventStore Store => store;

    public async Task<T> RunAsync<T>(Func<EventStore, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return await action(store, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }
}
