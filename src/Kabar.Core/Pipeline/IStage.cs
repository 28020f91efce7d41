using Kabar.Model;

namespace Kabar.Pipeline;

/// <summary>
/// One step of the pipeline: takes a document, returns a new one with the layer it adds.
/// Stages never mutate their input and are safe to call from many threads at once.
/// </summary>
public interface IStage
{
    /// <summary>Short name, used in timings, errors and the stage list (<c>kabar stages</c>).</summary>
    string Name { get; }

    /// <summary>The layers the stage reads (<c>text</c>, <c>tokens</c>, <c>entities</c>…).</summary>
    IReadOnlyList<string> Requires { get; }

    /// <summary>The layers the stage adds or replaces.</summary>
    IReadOnlyList<string> Assigns { get; }

    /// <summary>Runs the stage.</summary>
    Document Run(Document document, CancellationToken cancellationToken);
}
