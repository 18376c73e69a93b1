using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;

namespace Alerts.Cli.Training;

/// <summary>Per-topic scores of the rules, the model alone and the two together on one set of items.</summary>
// Combined: The rules with the model backing matches from the topic's threshold.
internal sealed record ModelScores(IReadOnlyList<TopicScore> Rules, IReadOnlyList<TopicScore> Model, IReadOnlyList<TopicScore> Combined);

/// <summary>Cross-validation on the training items, and the thresholds it chose.</summary>
// Pooled: Every item scored once, by the model of the fold that left it out.
// CombinedByFold: Rules and model together, fold by fold.
// Thresholds: Per topic, the probability from which the model backs a match; null where it did not beat the rules.
internal sealed record CrossValidationReport(int Folds, ModelScores Pooled, IReadOnlyList<IReadOnlyList<TopicScore>> CombinedByFold, IReadOnlyDictionary<string, double?> Thresholds);

/// <summary>
/// Chooses each topic's threshold by k-fold cross-validation on the training items (item i in fold i mod k): every
/// item is classified by rules plus a model trained without its fold, at each candidate threshold, and a topic gets
/// the threshold with the best F1 that costs at most <see cref="PrecisionGiven"/> of the rules' own precision and keeps
/// at least <see cref="MinPrecision"/> (or the rules' own, when lower), if that beats the rules alone. Thresholds chosen
/// on these folds look better here than on new items, so recall is not bought with more than a point of precision.
/// </summary>
internal sealed class ModelCrossValidation(TopicDefinitions definitions, Gazetteer gazetteer)
{
    public const int DefaultFolds = 5;

    public const double MinPrecision = 0.92;

    public const double PrecisionGiven = 0.01;

    /// <summary>The probability the model alone needs to say an item is about a topic.</summary>
    public const double ModelAloneThreshold = 0.5;

    private static readonly double[] Candidates = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

    private readonly TopicModelTrainer _trainer = new(definitions);

    public IReadOnlyList<string> Topics { get; } = [.. new TopicClassifier(definitions, gazetteer).TopicIds];

    public CrossValidationReport Run(IReadOnlyList<LabelledItem> items, int folds)
    {
        if (folds < 2 || folds > items.Count)
        {
            throw new InvalidDataException($"cross-validation needs between 2 and {items.Count} folds (one item each at least).");
        }

        var rules = Enumerable.Range(0, folds).Select(_ => new Tally(Topics)).ToArray();
        var model = new Tally(Topics);
        var combined = Candidates.Select(_ => Enumerable.Range(0, folds).Select(_ => new Tally(Topics)).ToArray()).ToArray();
        var rulesClassifier = new TopicClassifier(definitions, gazetteer);
        for (var fold = 0; fold < folds; fold++)
        {
            var test = items.Where((_, i) => i % folds == fold).ToList();
            var trained = _trainer.Fit([.. items.Where((_, i) => i % folds != fold)], Topics);
            rules[fold].AddAll(test, item => Matched(rulesClassifier, item));
            model.AddAll(test, ModelAlone(trained));
            for (var c = 0; c < Candidates.Length; c++)
            {
                var classifier = new TopicClassifier(definitions, gazetteer, WithThresholds(trained, _ => Candidates[c]));
                combined[c][fold].AddAll(test, item => Matched(classifier, item));
            }
        }

        var rulesScores = Tally.Sum(rules).Scores();
        var thresholds = new Dictionary<string, double?>(StringComparer.Ordinal);
        var chosen = new int[Topics.Count];
        for (var t = 0; t < Topics.Count; t++)
        {
            var best = -1;
            var bestF1 = rulesScores[t].F1;
            for (var c = 0; c < Candidates.Length; c++)
            {
                var score = Tally.Sum(combined[c]).Scores()[t];
                var floor = Math.Min(MinPrecision, rulesScores[t].Precision);
                if (score.Precision >= floor && score.Precision >= rulesScores[t].Precision - PrecisionGiven && score.F1 > bestF1)
                {
                    (best, bestF1) = (c, score.F1);
                }
            }

            chosen[t] = best;
            thresholds[Topics[t]] = best < 0 ? null : Candidates[best];
        }

        // A topic without a threshold is the rules alone.
        var byFold = Enumerable.Range(0, folds)
            .Select(fold => (IReadOnlyList<TopicScore>)[.. Topics.Select((_, t) => (chosen[t] < 0 ? rules[fold] : combined[chosen[t]][fold]).Scores()[t])])
            .ToList();
        var pooled = Topics.Select((_, t) => chosen[t] < 0 ? rulesScores[t] : Tally.Sum(combined[chosen[t]]).Scores()[t]).ToList();
        return new CrossValidationReport(folds, new ModelScores(rulesScores, model.Scores(), pooled), byFold, thresholds);
    }

    /// <summary>The model trained on every item, with the thresholds cross-validation chose, and the cross-validation report.</summary>
    public (TopicModel Model, CrossValidationReport Report) Train(IReadOnlyList<LabelledItem> items, int folds, string? trainedOn)
    {
        var report = Run(items, folds);
        var model = _trainer.Fit(items, Topics, trainedOn);
        return (WithThresholds(model, id => report.Thresholds[id]), report);
    }

    /// <summary>Rules, model alone and the two together on items the model was not trained on.</summary>
    public ModelScores Evaluate(TopicModel trained, IReadOnlyList<LabelledItem> items)
    {
        var rules = new Tally(Topics);
        var model = new Tally(Topics);
        var combined = new Tally(Topics);
        var rulesClassifier = new TopicClassifier(definitions, gazetteer);
        var classifier = new TopicClassifier(definitions, gazetteer, trained);
        rules.AddAll(items, item => Matched(rulesClassifier, item));
        model.AddAll(items, ModelAlone(trained));
        combined.AddAll(items, item => Matched(classifier, item));
        return new ModelScores(rules.Scores(), model.Scores(), combined.Scores());
    }

    public static TopicModel WithThresholds(TopicModel model, Func<string, double?> threshold)
        => model with { Topics = [.. model.Topics.Select(t => t with { Threshold = threshold(t.Id) })] };

    private static HashSet<string> Matched(TopicClassifier classifier, LabelledItem item)
        => [.. classifier.Classify(item.Title, item.Summary).Topics.Select(t => t.Id)];

    private Func<LabelledItem, HashSet<string>> ModelAlone(TopicModel trained)
    {
        var features = new ModelFeatures(definitions);
        return item =>
        {
            var present = features.Of(item.Title, item.Summary);
            return [.. trained.Topics.Where(t => t.Probability(present) >= ModelAloneThreshold).Select(t => t.Id)];
        };
    }

    /// <summary>True and false positives and false negatives per topic.</summary>
    private sealed class Tally(IReadOnlyList<string> topics)
    {
        private readonly int[,] _counts = new int[topics.Count, 3];

        public static Tally Sum(IEnumerable<Tally> tallies)
        {
            Tally? sum = null;
            foreach (var tally in tallies)
            {
                sum ??= new Tally(tally.Topics);
                for (var t = 0; t < tally.Topics.Count; t++)
                {
                    for (var k = 0; k < 3; k++)
                    {
                        sum._counts[t, k] += tally._counts[t, k];
                    }
                }
            }

            return sum!;
        }

        public IReadOnlyList<string> Topics => topics;

        public void AddAll(IEnumerable<LabelledItem> items, Func<LabelledItem, HashSet<string>> matched)
        {
            foreach (var item in items)
            {
                var got = matched(item);
                for (var t = 0; t < topics.Count; t++)
                {
                    var wanted = item.Labels.Contains(topics[t]);
                    var found = got.Contains(topics[t]);
                    var slot = wanted && found ? 0 : found ? 1 : wanted ? 2 : -1;
                    if (slot >= 0)
                    {
                        _counts[t, slot]++;
                    }
                }
            }
        }

        public IReadOnlyList<TopicScore> Scores() => [.. topics.Select((topic, t) => new TopicScore(topic, _counts[t, 0], _counts[t, 1], _counts[t, 2]))];
    }
}
