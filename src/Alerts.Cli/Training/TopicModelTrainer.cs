using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Alerts.Cli.Training;

/// <summary>
/// Trains the topic model with ML.NET: per topic, an L-BFGS logistic regression over the classifier's own features
/// (<see cref="ModelFeatures"/>), then exports bias and weights to <c>topic-model.json</c>. One thread and a fixed
/// seed, so training the same items again writes the same file byte for byte.
/// </summary>
internal sealed class TopicModelTrainer(TopicDefinitions definitions)
{
    /// <summary>A feature must appear in this many training items: rarer words name an event, not a topic.</summary>
    public const int MinItems = 3;

    // Regularisation chosen by cross-validation on eval/train.jsonl (README, learned model); L1 keeps most weights at
    // zero, so the exported model stays small.
    public const float L1 = 0.1f;

    public const float L2 = 1f;

    /// <summary>Weights nearer zero than this are left out of the file.</summary>
    public const double MinWeight = 0.005;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NewLine = "\n",
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    /// <summary>A model for <paramref name="topics"/> trained on <paramref name="items"/>; thresholds are left null.</summary>
    public TopicModel Fit(IReadOnlyList<LabelledItem> items, IReadOnlyList<string> topics, string? trainedOn = null)
    {
        var extractor = new ModelFeatures(definitions);
        var itemFeatures = items.Select(i => extractor.Of(i.Title, i.Summary)).ToList();
        var names = itemFeatures.SelectMany(f => f)
            .CountBy(f => f, StringComparer.Ordinal)
            .Where(c => c.Value >= MinItems)
            .Select(c => c.Key)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var index = names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);

        var ml = new MLContext(seed: 1);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Math.Max(names.Length, 1));
        var result = new List<TopicModelTopic>();
        foreach (var topic in topics)
        {
            var positives = items.Count(i => i.Labels.Contains(topic));
            if (positives == 0 || positives == items.Count)
            {
                throw new InvalidDataException($"the training items need both items labelled {topic} and items not labelled {topic}.");
            }

            var rows = items.Select((item, i) =>
            {
                var vector = new float[Math.Max(names.Length, 1)];
                foreach (var feature in itemFeatures[i])
                {
                    if (index.TryGetValue(feature, out var f))
                    {
                        vector[f] = 1;
                    }
                }

                return new Row { Label = item.Labels.Contains(topic), Features = vector };
            }).ToList();
            var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L1Regularization = L1,
                L2Regularization = L2,
                NumberOfThreads = 1,
                OptimizationTolerance = 1e-7f,
            });
            var linear = trainer.Fit(ml.Data.LoadFromEnumerable(rows, schema)).Model.SubModel;
            var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
            for (var f = 0; f < names.Length; f++)
            {
                var weight = Math.Round(linear.Weights[f], 4);
                if (Math.Abs(weight) >= MinWeight)
                {
                    weights[names[f]] = weight;
                }
            }

            result.Add(new TopicModelTopic(topic, Math.Round(linear.Bias, 4), null, weights));
        }

        return new TopicModel(result, trainedOn);
    }

    /// <summary>What the model file says it was trained on: the file's name, its item count and the start of its SHA-256.</summary>
    public static string Provenance(string path, int items)
        => $"{Path.GetFileName(path)}: {items} items, sha256 {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16]}";

    /// <summary>The model file's text: indented JSON, features in ordinal order, a final newline.</summary>
    public static string Serialize(TopicModel model) => JsonSerializer.Serialize(model, Json) + "\n";

    public static void Write(TopicModel model, string path) => File.WriteAllText(path, Serialize(model), new UTF8Encoding(false));

    private sealed class Row
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
