namespace Alerts.Core.Subscriptions;

/// <summary>An RFC 9457 problem a subscription endpoint answers with; the Functions turn it into problem+json or an error page.</summary>
public sealed record ApiProblem(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, TimeSpan? RetryAfter = null)
{
    public static ApiProblem Validation(ValidationErrors errors)
        => new(400, "Bad Request", "The request has invalid fields; see errors.", errors.ToDictionary());

    public static ApiProblem BadRequest(string field, string message)
        => new(400, "Bad Request", message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>One answer for a wrong, expired or unknown token, so nobody can tell which ids exist.</summary>
    public static ApiProblem InvalidToken()
        => new(403, "Forbidden", "The link or token is invalid or has expired.");

    public static ApiProblem TooManyRequests(TimeSpan retryAfter)
        => new(429, "Too Many Requests", $"Too many requests; try again in {Math.Ceiling(retryAfter.TotalMinutes)} minutes.", RetryAfter: retryAfter);

    public static ApiProblem TooLarge(int limit)
        => new(413, "Content Too Large", $"The body may be at most {limit} bytes.");

    public static ApiProblem UnsupportedMediaType(string expected)
        => new(415, "Unsupported Media Type", $"The body must be {expected}.");

    public static ApiProblem Conflict()
        => new(412, "Precondition Failed", "The subscription changed since you read it; read it again and retry.");
}

/// <summary>A value or the problem that prevented it.</summary>
public readonly record struct ApiOutcome<T>(T? Value, ApiProblem? Problem)
{
    public static implicit operator ApiOutcome<T>(T value) => new(value, null);

    public static implicit operator ApiOutcome<T>(ApiProblem problem) => new(default, problem);
}
