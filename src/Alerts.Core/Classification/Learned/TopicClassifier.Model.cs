using Alerts.Core.Classification.Learned;

namespace Alerts.Core.Classification;

/// <summary>
/// The learned model beside the rules: when the rules do not match a topic but one of its phrases is present, the
/// model backs a match once its probability reaches the topic's threshold, so it cannot invent a topic from nothing.
/// </summary>
public sealed partial class TopicClassifier
{
    private const string ModelSource = "model";

    private TopicModelScorer? _model;

    /// <summary>The classifier as configured: topics, gazetteer and, when switched on, the topic model.</summary>
    public static TopicClassifier Configured(AlertsOptions options) => new(
        TopicDefinitions.From(options.TopicsPath),
        Gazetteer.From(options.GazetteerPath),
        options.UseTopicModel ? TopicModel.From(options.TopicModelPath) : null);

    private void UseModel(TopicModel? model, Vocabulary vocabulary)
        => _model = model is null ? null : new TopicModelScorer(model, [.. _topics.Select(t => t.Definition.Id)], vocabulary);

    /// <summary>The model's match of topic <paramref name="t"/> and the hits its severity is judged by, when the rules made none and the model backs one.</summary>
    private (TopicMatch Match, List<Hit> Evidence)? ModelMatch(int t, bool ruled, Scratch scratch, List<TopicExplanation>? explain)
    {
        if (_model is null || !_model.Covers(t))
        {
            return null;
        }

        var tokens = scratch.Tokens;
        var threshold = _model.ThresholdOf(t);
        var phrase = Contains(scratch.Hits, _topics[t].Scores);
        if (explain is null && (ruled || threshold is null || !phrase))
        {
            return null;
        }

        // The item's text is a new string per item, so it names the item for the scorer's per-item cache.
        var probability = _model.Probability(t, tokens, scratch.Text!);
        var backed = !ruled && phrase && probability >= threshold;
        if (explain is not null)
        {
            var words = _model.Contributions(t, tokens);
            var shown = words.Where(w => w.Weight > 0).Take(TopicModelScorer.EvidenceCount)
                .Concat(words.Where(w => w.Weight < 0).Reverse().Take(TopicModelScorer.EvidenceCount))
                .Select(w => new ModelWord(w.Feature, w.Weight, EvidenceOf(scratch, new Hit(-1, w.First, w.Last))))
                .ToList();
            explain[^1] = explain[^1] with { Matched = ruled || backed, Model = new ModelExplanation(Math.Round(probability, 3), threshold, backed, shown) };
        }

        if (!backed)
        {
            return null;
        }

        var hits = new List<Hit>();
        foreach (var word in _model.Contributions(t, tokens).Where(w => w.Weight > 0).Take(TopicModelScorer.EvidenceCount).OrderBy(w => w.First).ThenByDescending(w => w.Last))
        {
            // A word inside a pair already listed ("charges" in "charges on") adds nothing to read.
            if (hits.Count == 0 || word.Last > hits[^1].Last)
            {
                hits.Add(new Hit(-1, word.First, word.Last));
            }
        }

        return (new TopicMatch(_topics[t].Definition.Id, Math.Round(probability, 3), [.. hits.Select(h => EvidenceOf(scratch, h))], ModelSource), hits);
    }
}
