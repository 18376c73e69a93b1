using System.CommandLine;
using System.Globalization;
using Alerts.Cli.Configuration;
using Alerts.Cli.Training;
using Alerts.Core;
using Alerts.Core.Classification;
using Microsoft.Extensions.Configuration;

namespace Alerts.Cli.Commands;

/// <summary>
/// <c>alerts classify train</c>: trains the topic model on labelled JSON lines, chooses each topic's threshold by
/// cross-validation, prints the scores, writes the model file (<c>--out</c>) and scores held-out sets in aggregate.
/// </summary>
internal static class ClassifyTrainCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "Labelled JSON lines (id, title, summary, labels) to train on.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the model (src/Alerts.Core/Classification/topic-model.json ships it)." };
        var folds = new Option<int>("--cv") { Description = "Cross-validation folds (item i is in fold i mod N).", DefaultValueFactory = _ => ModelCrossValidation.DefaultFolds };
        var heldOut = new Option<FileInfo[]>("--held-out") { Description = "Labelled JSON lines never trained on: print aggregate scores only.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("train", "Train the topic model that backs the rules, with cross-validation.") { input, output, folds, heldOut };
        command.SetAction(result =>
        {
            try
            {
                return Train(result.GetValue(input)!.FullName, result.GetValue(output)?.FullName, result.GetValue(folds), result.GetValue(heldOut) ?? []);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"alerts classify train: {e.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static int Train(string path, string? outputPath, int folds, FileInfo[] heldOut)
    {
        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var options = configuration.GetSection(AlertsOptions.SectionName).Get<AlertsOptions>() ?? new AlertsOptions();
        var validation = new ModelCrossValidation(TopicDefinitions.From(options.TopicsPath), Gazetteer.From(options.GazetteerPath));
        var items = TopicEvaluation.Read(path);
        if (items.Count == 0)
        {
            throw new InvalidDataException($"{path} has no items.");
        }

        var (model, report) = validation.Train(items, folds, Training.TopicModelTrainer.Provenance(path, items.Count));
        var o = Console.Out;
        o.WriteLine($"cross-validation on {path}: {items.Count} items, {report.Folds} folds (item i in fold i mod {report.Folds})");
        WriteScores(report.Pooled, report.Thresholds);
        o.WriteLine("rules + model F1 by fold");
        foreach (var (topic, t) in validation.Topics.Select((topic, t) => (topic, t)))
        {
            o.WriteLine($"  {topic,-28} {string.Join(" ", report.CombinedByFold.Select(f => Invariant($"{f[t].F1:0.000}")))}");
        }

        foreach (var file in heldOut)
        {
            var set = TopicEvaluation.Read(file.FullName);
            o.WriteLine($"held out {file.FullName}: {set.Count} items (aggregate only)");
            WriteScores(validation.Evaluate(model, set), report.Thresholds);
        }

        if (outputPath is not null)
        {
            Training.TopicModelTrainer.Write(model, outputPath);
            o.WriteLine($"wrote {outputPath}: {model.Topics.Sum(t => t.Weights.Count)} weights");
        }

        return ExitCodes.Ok;
    }

    private static void WriteScores(ModelScores scores, IReadOnlyDictionary<string, double?> thresholds)
    {
        var o = Console.Out;
        o.WriteLine(Invariant($"  topic                        rules P / R / F1       model alone (p >= {ModelCrossValidation.ModelAloneThreshold})  rules + model          threshold"));
        for (var t = 0; t < scores.Rules.Count; t++)
        {
            var threshold = thresholds[scores.Rules[t].Topic] is { } value ? Invariant($"{value:0.00}") : "none (rules alone)";
            o.WriteLine($"  {scores.Rules[t].Topic,-28} {Format(scores.Rules[t])}  {Format(scores.Model[t])}      {Format(scores.Combined[t])}  {threshold}");
        }
    }

    private static string Format(TopicScore s) => Invariant($"{s.Precision:0.000} {s.Recall:0.000} {s.F1:0.000}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
