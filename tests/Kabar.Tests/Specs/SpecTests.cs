using Kabar.Evaluation;
using Kabar.Tests.Support;

namespace Kabar.Tests.Specs;

/// <summary>Runs every case of tests/specs/&lt;stage&gt;/&lt;lang&gt;/*.json as its own test (see tests/specs/README.md).</summary>
public sealed class SpecTests
{
    public static TheoryData<SpecCaseData> Cases()
    {
        var data = new TheoryData<SpecCaseData>();
        foreach (var spec in SpecRunner.Load(Path.Combine(Repo.Root, "tests", "specs")))
        {
            data.Add(new SpecCaseData(spec));
        }
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Case_behaves_as_specified(SpecCaseData data)
    {
        var spec = data.Case;
        // A known gap stays in the spec file, reported as skipped with its reason, so it is counted, not hidden.
        Skip.If(spec.Skip is not null, spec.Skip);
        var result = SpecRunner.Check(Repo.Engine, spec);
        Assert.True(result.Passed, $"{spec}\n  {result.Message}\n  ({spec.Comment})");
    }
}

/// <summary>Wraps a case so xUnit shows its stage, language, file and input as the test name.</summary>
public sealed class SpecCaseData(SpecCase spec) : IXunitSerializable
{
    private static readonly Lazy<Dictionary<string, SpecCase>> All = new(() =>
        SpecRunner.Load(Path.Combine(Repo.Root, "tests", "specs")).ToDictionary(Key, StringComparer.Ordinal));

    public SpecCaseData()
        : this(null!)
    {
    }

    public SpecCase Case { get; private set; } = spec;

    public void Deserialize(IXunitSerializationInfo info)
    {
        Case = All.Value[info.GetValue<string>("key")];
    }

    public void Serialize(IXunitSerializationInfo info) => info.AddValue("key", Key(Case));

    private static string Key(SpecCase c) => $"{c.Stage}/{c.Language}/{c.File}#{c.Index}";

    public override string ToString() => Case.ToString();
}
