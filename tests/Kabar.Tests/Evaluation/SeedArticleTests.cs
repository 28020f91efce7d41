using System.Diagnostics;
using System.Text.Json;
using Kabar.Evaluation;
using Kabar.Tests.Support;

namespace Kabar.Tests.Evaluation;

/// <summary>
/// The mission's sample: the Indonesian Nagorno-Karabakh report and the events an analyst codes from it
/// (../shared/seed). Judged twice: by Kabar's own evaluator and by the project's independent scorer.
/// </summary>
public sealed class SeedArticleTests
{
    [SkippableFact]
    public void Own_evaluator_finds_the_analysts_events_with_their_codes_dates_and_places()
    {
        var article = Repo.SharedFile("seed", "seed-article-id.txt");
        var gold = Repo.SharedFile("seed", "seed-gold.json");
        var report = new Evaluator(Repo.Engine).Article(article, gold, verbose: true);
        var events = report.Scores.Single();
        Assert.True(events.Recall >= 12.0 / 13, string.Join('\n', report.Lines));
        Assert.True(events.Precision >= 0.8, string.Join('\n', report.Lines));
    }

    [SkippableFact]
    public void Independent_scorer_accepts_kabar_extract_output()
    {
        var article = Repo.SharedFile("seed", "seed-article-id.txt");
        var gold = Repo.SharedFile("seed", "seed-gold.json");
        var scorer = Repo.SharedFile("tools", "kabar_score.py");
        Skip.If(!OnPath("python3"), "python3 is not installed");
        using var temp = new TempDirectory();
        var published = JsonDocument.Parse(File.ReadAllText(gold)).RootElement.GetProperty("publication_date_for_eval").GetString()!;
        var run = KabarProcess.Run("extract", article, "--published", published);
        Assert.Equal(0, run.ExitCode);
        var result = temp.File("seed.json", run.Stdout);

        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { scorer, "doc", gold, result, "--min", "recall=0.9", "--min", "precision=0.8", "--min", "date=0.75", "--min", "place=0.75", "--min", "modality=0.9" })
        {
            start.ArgumentList.Add(arg);
        }
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEnd() + python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, output);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));
}
