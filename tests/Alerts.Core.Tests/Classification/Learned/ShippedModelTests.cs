using Alerts.Cli.Training;
using Alerts.Core.Classification;
using Alerts.Core.Classification.Learned;
using Alerts.Core.Tests.Support;

namespace Alerts.Core.Tests.Classification.Learned;

/// <summary>
/// The shipped <c>topic-model.json</c> is exactly what <c>alerts classify train</c> makes from <c>eval/train.jsonl</c>
/// with the embedded rules: nobody edits weights by hand, and a change to the tokeniser, stemmer or spellings that
/// would change the model's features fails here until the model is retrained.
/// </summary>
public class ShippedModelTests
{
    [Fact]
    public void The_shipped_model_is_what_training_on_eval_train_jsonl_produces()
    {
        var trainPath = Path.Combine(RepoPaths.Root, "eval", "train.jsonl");
        var items = TopicEvaluation.Read(trainPath);
        var validation = new ModelCrossValidation(TopicDefinitions.Embedded(), Gazetteer.Embedded());

        var (model, _) = validation.Train(items, ModelCrossValidation.DefaultFolds, TopicModelTrainer.Provenance(trainPath, items.Count));

        var shipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Alerts.Core", "Classification", TopicModel.FileName));
        Assert.True(
            TopicModelTrainer.Serialize(model) == shipped,
            "topic-model.json is not what training produces: run dotnet run --project src/Alerts.Cli -- classify train --in eval/train.jsonl --out src/Alerts.Core/Classification/topic-model.json");
    }
}
