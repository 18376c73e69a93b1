using System.Text.Json;

namespace Alerts.Core.Classification;

/// <summary>A labelled item of an evaluation set (<c>news-dev.jsonl</c> layout).</summary>
public sealed record LabelledItem(string Id, string Title, string? Summary, IReadOnlyList<string> Labels);

/// <summary>True and false positives and false negatives of one topic.</summary>
public sealed record TopicScore(string Topic, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>An item the classifier got wrong for at least one topic.</summary>
public sealed record EvaluationError(string Id, string Title, IReadOnlyList<string> Expected, IReadOnlyList<string> Got);

// Folds: The same scores over each fifth of the items (item i is in fold i mod 5), to compare parts not used in tuning.
public sealed record EvaluationReport(IReadOnlyList<TopicScore> Topics, IReadOnlyList<IReadOnlyList<TopicScore>> Folds, IReadOnlyList<EvaluationError> Errors);

/// <summary>Per-topic precision, recall and F1 of the classifier on labelled items.</summary>
public static class TopicEvaluation
{
    public const int FoldCount = 5;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<LabelledItem> Read(string path)
    {
        var items = new List<LabelledItem>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var item = JsonSerializer.Deserialize<LabelledItem>(line, Json);
                if (item is null || item.Title is null || item.Labels is null)
                {
                    throw new InvalidDataException("needs id, title and labels");
                }

                items.Add(item);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path} line {number}: {e.Message}", e);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path} line {number}: {e.Message}", e);
            }
        }

        return items;
    }

    public static EvaluationReport Evaluate(TopicClassifier classifier, IReadOnlyList<LabelledItem> items)
    {
        var topics = classifier.TopicIds.ToList();
        var overall = new Counts(topics);
        var folds = Enumerable.Range(0, FoldCount).Select(_ => new Counts(topics)).ToList();
        var errors = new List<EvaluationError>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var got = classifier.Classify(item.Title, item.Summary).Topics.Select(t => t.Id).ToList();
            overall.Add(item.Labels, got);
            folds[i % FoldCount].Add(item.Labels, got);
            if (!got.ToHashSet().SetEquals(item.Labels))
            {
                errors.Add(new EvaluationError(item.Id, item.Title, item.Labels, got));
            }
        }

        return new EvaluationReport(overall.Scores(), folds.Select(f => f.Scores()).ToList(), errors);
    }

    private sealed class Counts(IReadOnlyList<string> topics)
    {
        private readonly int[,] _counts = new int[topics.Count, 3];

        public void Add(IReadOnlyList<string> expected, IReadOnlyList<string> got)
        {
            for (var t = 0; t < topics.Count; t++)
            {
                var wanted = expected.Contains(topics[t]);
                var found = got.Contains(topics[t]);
                var slot = wanted && found ? 0 : found ? 1 : wanted ? 2 : -1;
                if (slot >= 0)
                {
                    _counts[t, slot]++;
                }
            }
        }

        public IReadOnlyList<TopicScore> Scores()
            => topics.Select((topic, t) => new TopicScore(topic, _counts[t, 0], _counts[t, 1], _counts[t, 2])).ToList();
    }
}
