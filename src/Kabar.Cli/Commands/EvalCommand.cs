using System.CommandLine;
using Kabar.Evaluation;

namespace Kabar.Cli.Commands;

/// <summary><c>kabar eval ner|events|plover|geo|html|article|specs</c>: quality on gold data.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var command = new Command("eval", "Measure quality on gold data: precision, recall, F1 (see docs/quality.md).");
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List misses and extra predictions." };
        var language = new Option<string?>("--language") { Description = "Language of the gold texts (default: per subcommand)." };

        command.Subcommands.Add(Sub("ner", "Named entities: {\"id\",\"text\",\"entities\":[{\"start\",\"end\",\"label\"}]} (PER/ORG/LOC), exact spans.",
            (e, file, lang, v) => e.Ner(file, lang ?? "id", v), verbose, language));
        command.Subcommands.Add(Sub("events", "Events against CAMEO triples: {\"id\",\"text\",\"date\",\"expected\":[{\"source\",\"target\",\"code\"}]}.",
            (e, file, lang, v) => e.Cameo(file, lang ?? "en", v), verbose, language));
        command.Subcommands.Add(Sub("plover", "Events against PLOVER types with actor countries.",
            (e, file, lang, v) => e.Plover(file, lang ?? "en", v), verbose, language));
        command.Subcommands.Add(Sub("geo", "Geocoding: {\"id\",\"text\",\"places\":[{\"start\",\"end\",\"lat\",\"lon\"}]}; accuracy at 25/100/161 km.",
            (e, file, lang, v) => e.Geo(file, lang, v), verbose, language));
        command.Subcommands.Add(Sub("specs", "The spec files (default tests/specs): cases passing, precision and recall per stage.",
            (e, file, _, v) => e.Specs(file, v), verbose, language, "tests/specs"));

        var html = new Command("html", "Main text of HTML pages against gold text: {\"id\",\"html\",\"gold_text\"} records, or {\"id\",\"gold_text\"} "
            + "with <id>.html beside the gold file (default: Kabar's own Indonesian pages). P/R/F1 of 4-word shingles averaged over pages.");
        var htmlGold = new Argument<string>("file") { Description = "Gold file (JSON Lines).", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "tests/data/html/id/gold.jsonl" };
        var htmlOut = new Option<string?>("--out", "-o") { Description = "Also write the extracted texts as {\"id\",\"document\":{\"text\"}} lines, the RESULTS of kabar_score.py html." };
        html.Arguments.Add(htmlGold);
        html.Options.Add(htmlOut);
        html.Options.Add(verbose);
        html.SetAction(parse =>
        {
            var path = parse.GetValue(htmlGold)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"kabar: error: {path}: no such file");
                return KabarCli.InputError;
            }
            var report = new MainTextEvaluator(EngineFactory.Create(true)).Report(path, parse.GetValue(verbose), parse.GetValue(htmlOut));
            Console.WriteLine(report.Title);
            foreach (var line in report.Lines)
            {
                Console.WriteLine("  " + line);
            }
            return KabarCli.Ok;
        });
        command.Subcommands.Add(html);

        var article = new Command("article", "One article against a seed-gold file (events, codes, dates, places, modality, quantities).");
        var articleFile = new Argument<string>("article");
        var goldFile = new Argument<string>("gold");
        article.Arguments.Add(articleFile);
        article.Arguments.Add(goldFile);
        article.Options.Add(verbose);
        article.SetAction(parse => Print(EngineFactory.Create(true), e => e.Article(parse.GetValue(articleFile)!, parse.GetValue(goldFile)!, parse.GetValue(verbose))));
        command.Subcommands.Add(article);
        return command;
    }

    private static Command Sub(string name, string description, Func<Evaluator, string, string?, bool, EvaluationReport> run,
        Option<bool> verbose, Option<string?> language, string? defaultFile = null)
    {
        var command = new Command(name, description);
        var file = new Argument<string>("file") { Description = "Gold file (JSON Lines)." };
        if (defaultFile is not null)
        {
            file.Arity = ArgumentArity.ZeroOrOne;
            file.DefaultValueFactory = _ => defaultFile;
        }
        command.Arguments.Add(file);
        command.Options.Add(verbose);
        command.Options.Add(language);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Console.Error.WriteLine($"kabar: error: {path}: no such file");
                return KabarCli.InputError;
            }
            return Print(EngineFactory.Create(true), e => run(e, path, parse.GetValue(language), parse.GetValue(verbose)));
        });
        return command;
    }

    private static int Print(Pipeline.KabarEngine engine, Func<Evaluator, EvaluationReport> run)
    {
        var report = run(new Evaluator(engine));
        Console.WriteLine(report.Title);
        foreach (var line in report.Lines)
        {
            Console.WriteLine("  " + line);
        }
        foreach (var score in report.Scores)
        {
            Console.WriteLine("  " + score);
        }
        return KabarCli.Ok;
    }
}
