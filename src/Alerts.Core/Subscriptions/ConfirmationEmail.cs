using System.Net;
using Alerts.Core.Delivery;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Subscriptions;

/// <summary>The one email an unconfirmed address receives: the double opt-in link.</summary>
public sealed class ConfirmationEmail(SubscriptionLinks links, IOptions<AlertsOptions> options)
{
    public const string Subject = "Confirm your Alerts subscription";

    public EmailMessage Create(SubscriberEntity subscriber, string confirmToken)
    {
        var link = links.Confirm(confirmToken).AbsoluteUri;
        var topics = string.Join(", ", subscriber.TopicIds);
        var text = $"""
            Someone, hopefully you, asked to receive Alerts about {topics} ({subscriber.Cadence}) at this address.

            To confirm, open this link within 7 days:
            {link}

            If it was not you, ignore this email: nothing more will be sent to this address.
            """;
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{Subject}</title></head>
            <body>
            <p>Someone, hopefully you, asked to receive Alerts about {WebUtility.HtmlEncode(topics)} ({WebUtility.HtmlEncode(subscriber.Cadence)}) at this address.</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">Confirm your subscription</a> (the link works for 7 days).</p>
            <p>If it was not you, ignore this email: nothing more will be sent to this address.</p>
            </body></html>
            """;
        return new EmailMessage(
            "confirm-" + Guid.NewGuid().ToString("N"),
            options.Value.SendGrid.From,
            subscriber.Address,
            Subject,
            html,
            text,
            new Dictionary<string, string>());
    }
}
