namespace Alerts.Core.Classification.Learned;

/// <summary>
/// The learned topic model: per topic, a logistic regression over the classifier's own normalised words, read from
/// <c>topic-model.json</c> (embedded default, or the file named by <c>Alerts:TopicModelPath</c>). Written by
/// <c>alerts classify train</c>, never by hand: a test retrains it from <c>eval/train.jsonl</c> and compares.
/// Serialised (camelCase, indented) by the trainer exactly as <see cref="Load"/> reads it.
/// </summary>
// TrainedOn: What the model was trained on, for people reading the file.
public sealed record TopicModel(IReadOnlyList<TopicModelTopic> Topics, string? TrainedOn = null)
{
    public const string FileName = "topic-model.json";

    public static TopicModel Embedded() => DataFiles.Embedded(FileName, Load);

    /// <summary>The file at <paramref name="path"/> when given, else the embedded default.</summary>
    public static TopicModel From(string? path) => DataFiles.From(path, FileName, "Topic model", Load);

    public static TopicModel Load(Stream json)
    {
        var model = DataFiles.Deserialize<TopicModel>(json, FileName);
        if (model?.Topics is not { Count: > 0 })
        {
            throw new InvalidDataException($"{FileName}: no topics.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var topic in model.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Id) || !ids.Add(topic.Id) || topic.Weights is null || !double.IsFinite(topic.Bias))
            {
                throw new InvalidDataException($"{FileName}: every topic needs a unique id, a bias and weights (\"{topic.Id}\").");
            }

            if (topic.Threshold is { } threshold && threshold is not (> 0 and < 1))
            {
                throw new InvalidDataException($"{FileName}: topic {topic.Id} has a threshold outside (0, 1).");
            }

            foreach (var (feature, weight) in topic.Weights)
            {
                if (!double.IsFinite(weight) || feature.Split(' ') is not ({ Length: 1 or 2 } and var words) || words.Any(string.IsNullOrEmpty))
                {
                    throw new InvalidDataException($"{FileName}: topic {topic.Id} has a weight that is not a number or a feature \"{feature}\" that is not one or two words.");
                }
            }
        }

        return model;
    }
}

// Bias: The log-odds of an item with none of the features.
// Threshold: The probability from which the model backs a match (with a topic phrase present); null when it never does.
// Weights: Log-odds added by each feature present: a normalised word, or two adjacent ones separated by a space.
public sealed record TopicModelTopic(string Id, double Bias, double? Threshold, IReadOnlyDictionary<string, double> Weights)
{
    /// <summary>The probability that an item with these (distinct) features is about the topic.</summary>
    public double Probability(IEnumerable<string> features)
    {
        var z = Bias;
        foreach (var feature in features)
        {
            z += Weights.GetValueOrDefault(feature);
        }

        return Sigmoid(z);
    }

    internal static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
