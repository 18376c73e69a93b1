using System.Text.Json;
using Azure.Storage.Queues;

namespace Alerts.Core.Storage;

/// <summary>JSON (de)serialisation of queue messages; every message type carries a schema version.</summary>
public static class QueueMessages
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task SendAsync<T>(this QueueClient queue, T message, CancellationToken cancellationToken = default)
        => await queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), cancellationToken).ConfigureAwait(false);

    /// <summary>Parses a message; a message that is not valid JSON of the expected shape throws, so it is retried and then poisoned.</summary>
    public static T Parse<T>(string message) where T : class
        => JsonSerializer.Deserialize<T>(message, Json)
           ?? throw new InvalidDataException($"Queue message is not a {typeof(T).Name}.");
}
