using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Alerts.Cli.Configuration;
using Alerts.Core;
using Alerts.Core.Classification;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts classify</c>: classifies JSON lines (<c>id</c>, <c>title</c>, <c>summary</c>), one text (<c>--text</c>,
/// readable with <c>--explain</c>), or scores a labelled set (<c>--eval</c>) with the configured topics.
/// </summary>
internal static class ClassifyCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Output is read by people and scripts, not embedded in HTML: keep quotes and accents as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var input = new Option<FileInfo?>("--in") { Description = "JSON lines with id, title and summary (default: standard input)." };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write one JSON line per item (default: standard output)." };
        var text = new Option<string?>("--text") { Description = "Classify this text (as the title) instead of JSON lines." };
        var summary = new Option<string?>("--summary") { Description = "With --text: the item's summary." };
        var explain = new Option<bool>("--explain") { Description = "With --text: print a readable explanation of every topic's score." };
        var eval = new Option<FileInfo?>("--eval") { Description = "Labelled JSON lines (id, title, summary, labels): print per-topic precision, recall and F1." };
        var errors = new Option<bool>("--errors") { Description = "With --eval: also list the items classified wrongly." };
        var command = new Command("classify", "Classify news items with the configured topics.") { input, output, text, summary, explain, eval, errors, ClassifyTrainCommand.Create() };
        command.SetAction((result, cancellationToken) =>
        {
            try
            {
                var classifier = BuildClassifier();
                if (result.GetValue(eval) is { } evalFile)
                {
                    return Task.FromResult(Evaluate(classifier, evalFile.FullName, result.GetValue(errors)));
                }

                if (result.GetValue(text) is { } single)
                {
                    return Task.FromResult(ClassifyText(classifier, single, result.GetValue(summary), result.GetValue(explain)));
                }

                return ClassifyLinesAsync(classifier, result.GetValue(input), result.GetValue(output), cancellationToken);
            }
            catch (InvalidDataException e)
            {
                return Task.FromResult(Error(e.Message));
            }
            catch (IOException e)
            {
                return Task.FromResult(Error(e.Message));
            }
        });
        return command;
    }

    private static TopicClassifier BuildClassifier()
    {
        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var options = configuration.GetSection(AlertsOptions.SectionName).Get<AlertsOptions>() ?? new AlertsOptions();
        return TopicClassifier.Configured(options);
    }

    private static async Task<int> ClassifyLinesAsync(TopicClassifier classifier, FileInfo? inputFile, FileInfo? outputFile, CancellationToken cancellationToken)
    {
        using var reader = inputFile is null ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(inputFile.FullName, Encoding.UTF8);
        await using var writer = outputFile is null ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) : new StreamWriter(outputFile.FullName, false, new UTF8Encoding(false));
        var number = 0;
        var failed = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string written;
            try
            {
                var item = JsonSerializer.Deserialize<InputItem>(line, Json);
                if (item?.Title is not { } title)
                {
                    throw new JsonException("a \"title\" string is required");
                }

                written = JsonSerializer.Serialize(ItemOutput.From(item.Id, classifier.Classify(title, item.Summary)), Json);
            }
            catch (JsonException e)
            {
                failed++;
                var message = e.Message.Split(" Path:", 2)[0];
                written = JsonSerializer.Serialize(new { line = number, error = message }, Json);
                await Console.Error.WriteLineAsync($"alerts classify: line {number}: {message}").ConfigureAwait(false);
            }

            await writer.WriteLineAsync(written).ConfigureAwait(false);
        }

        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static int ClassifyText(TopicClassifier classifier, string title, string? summary, bool explain)
    {
        if (!explain)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ItemOutput.From(null, classifier.Classify(title, summary)), Json));
            return ExitCodes.Ok;
        }

        var explanation = classifier.Explain(title, summary);
        var c = explanation.Classification;
        var o = Console.Out;
        o.WriteLine($"text: {explanation.Text.Replace("\n", " | ", StringComparison.Ordinal)}");
        foreach (var topic in explanation.Topics)
        {
            var verdict = topic.Model?.Backed == true ? "MATCHED by the model" : topic.Matched ? "MATCHED" : topic.RuledOut is { } why ? $"ruled out: {why}" : "not matched";
            o.WriteLine(Invariant($"{topic.Id}: {verdict} (total {topic.Total} against threshold {topic.Threshold})"));
            foreach (var part in topic.Contributions)
            {
                var evidence = string.Join(", ", part.Evidence.Select(e => Invariant($"\"{e.Text}\" [{e.Start}-{e.End}]")));
                o.WriteLine(Invariant($"  +{part.Weight:0.###}  {part.Rule}: {evidence}"));
            }

            if (topic.Model is { } model)
            {
                var from = model.Threshold is { } threshold ? Invariant($"backs a match from {threshold:0.00} when a topic phrase is present") : "backs no match of this topic";
                o.WriteLine(Invariant($"  model: probability {model.Probability:0.000} ({from}); weightiest words present:"));
                foreach (var word in model.Words)
                {
                    o.WriteLine(Invariant($"    {word.Weight:+0.000;-0.000}  {word.Feature}: \"{word.Evidence.Text}\" [{word.Evidence.Start}-{word.Evidence.End}]"));
                }
            }
        }

        o.WriteLine($"severity: {c.Severity}{(c.SeverityRule is { } rule ? $" ({rule})" : "")}");
        o.WriteLine($"countries: {string.Join(", ", c.Entities.Countries)}");
        o.WriteLine($"people: {string.Join(", ", c.Entities.People)}");
        o.WriteLine($"places: {string.Join(", ", c.Entities.Places)}");
        o.WriteLine($"figures: {string.Join(", ", c.Figures.Select(f => $"{f.Kind} \"{f.Text}\""))}");
        return ExitCodes.Ok;
    }

    private static int Evaluate(TopicClassifier classifier, string path, bool listErrors)
    {
        var items = TopicEvaluation.Read(path);
        var report = TopicEvaluation.Evaluate(classifier, items);
        var o = Console.Out;
        o.WriteLine($"{items.Count} items from {path}");
        WriteScores("all items", report.Topics);
        for (var fold = 0; fold < report.Folds.Count; fold++)
        {
            WriteScores($"fold {fold + 1} of {report.Folds.Count} (items {fold + 1}, {fold + 1 + report.Folds.Count}, ...)", report.Folds[fold]);
        }

        if (listErrors)
        {
            o.WriteLine($"{report.Errors.Count} items classified wrongly:");
            foreach (var error in report.Errors)
            {
                o.WriteLine($"  {error.Id}  expected [{string.Join(",", error.Expected)}] got [{string.Join(",", error.Got)}]  {error.Title}");
            }
        }

        return ExitCodes.Ok;
    }

    private static void WriteScores(string heading, IReadOnlyList<TopicScore> scores)
    {
        Console.Out.WriteLine(heading);
        Console.Out.WriteLine("  topic                        precision  recall     F1   TP  FP  FN");
        foreach (var s in scores)
        {
            Console.Out.WriteLine(Invariant($"  {s.Topic,-28} {s.Precision,9:0.000} {s.Recall,7:0.000} {s.F1,6:0.000} {s.TruePositives,4} {s.FalsePositives,3} {s.FalseNegatives,3}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static int Error(string message)
    {
        Console.Error.WriteLine($"alerts classify: {message}");
        return ExitCodes.BadInput;
    }

    private sealed record InputItem(JsonElement? Id, string? Title, string? Summary);

    /// <summary>One output line: the item's id and its classification, in the layout the README documents.</summary>
    private sealed record ItemOutput(JsonElement? Id, IReadOnlyList<TopicMatch> Topics, Entities Entities, IReadOnlyList<Figure> Figures, string Severity, string? SeverityRule)
    {
        public static ItemOutput From(JsonElement? id, Classification c) => new(id, c.Topics, c.Entities, c.Figures, c.Severity, c.SeverityRule);
    }
}
