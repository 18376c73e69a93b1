namespace Alerts.Core.Feeds;

/// <summary>What a feed URL must be before anything fetches it: absolute http(s), no credentials, a reasonable length.</summary>
public static class FeedUrl
{
    public const int MaxLength = 2048;

    public static bool TryParse(string? text, out Uri url, out string error)
    {
        url = null!;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "A feed URL is required.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"The URL is longer than {MaxLength} characters.";
            return false;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps))
        {
            error = "The URL must be an absolute http or https URL.";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            error = "The URL must not carry a user name or password.";
            return false;
        }

        url = parsed;
        error = "";
        return true;
    }
}
