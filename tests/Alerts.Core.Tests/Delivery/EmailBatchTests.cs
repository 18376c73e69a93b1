using Alerts.Core.Delivery;

namespace Alerts.Core.Tests.Delivery;

public class EmailBatchTests
{
    [Fact]
    public void Each_recipient_gets_their_own_links_and_headers()
    {
        var unsubscribe = new Uri("https://alerts.example.org/api/unsubscribe?token=abc.def");
        var recipient = new EmailRecipient(
            "m1",
            "a@example.org",
            new Dictionary<string, string> { [DigestRenderer.ManageUrl] = "https://m/1", [DigestRenderer.UnsubscribeUrl] = unsubscribe.AbsoluteUri },
            EmailMessage.UnsubscribeHeaders(unsubscribe));
        var batch = new EmailBatch("from@example.org", "Subject", $"<a href=\"{DigestRenderer.ManageUrl}\">m</a> <a href=\"{DigestRenderer.UnsubscribeUrl}\">u</a>", $"{DigestRenderer.ManageUrl}\n{DigestRenderer.UnsubscribeUrl}", [recipient]);

        var message = batch.For(recipient);

        Assert.Equal("a@example.org", message.To);
        Assert.Equal("<a href=\"https://m/1\">m</a> <a href=\"https://alerts.example.org/api/unsubscribe?token=abc.def\">u</a>", message.Html);
        Assert.Equal("https://m/1\nhttps://alerts.example.org/api/unsubscribe?token=abc.def", message.Text);
        Assert.Equal("<https://alerts.example.org/api/unsubscribe?token=abc.def>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }
}
