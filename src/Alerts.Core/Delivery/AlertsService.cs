using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Alerts.Core.Classification;
using Alerts.Core.Storage;
using Microsoft.Extensions.Options;

namespace Alerts.Core.Delivery;

/// <summary>Stored alerts for <c>GET /api/alerts</c> (JSON) and <c>GET /api/alerts.atom</c>, newest first, as <see cref="AlertDocument"/>s.</summary>
public sealed class AlertsService(AlertsStorage storage, TimeProvider time, IOptions<AlertsOptions> options)
{
    public async Task<IReadOnlyList<AlertDocument>> ListAsync(AlertsQuery query, CancellationToken cancellationToken)
    {
        var table = await storage.TableAsync(StorageNames.ItemsTable, cancellationToken).ConfigureAwait(false);
        var found = new List<AlertDocument>();
        var now = time.GetUtcNow();

        // Day partitions newest first; row keys are inverted ticks, so each partition reads newest first too.
        for (var day = now.UtcDateTime.Date; day >= query.Since.UtcDateTime.Date && found.Count < query.Limit; day = day.AddDays(-1))
        {
            var filter = $"PartitionKey eq '{TableKeys.Day(day)}' and RowKey lt '{TableKeys.InvertedTicks(query.Since)}'";
            await foreach (var item in table.QueryAsync<ItemEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (item.DiscoveredAt > query.Since && (query.Topic is null || item.TopicIds.Contains(query.Topic)))
                {
                    found.Add(AlertDocument.From(item));
                    if (found.Count == query.Limit)
                    {
                        break;
                    }
                }
            }
        }

        return found;
    }

    /// <summary>An Atom 1.0 feed of the alerts; titles and summaries are text constructs, escaped by the writer.</summary>
    public string Atom(IReadOnlyList<AlertDocument> alerts, string? topic)
    {
        var self = new Uri($"{options.Value.PublicBaseUrl.AbsoluteUri.TrimEnd('/')}/api/alerts.atom{(topic is null ? "" : "?topic=" + Uri.EscapeDataString(topic))}");
        var feed = new SyndicationFeed(
            topic is null ? "Trade-policy alerts" : $"Trade-policy alerts: {DigestRenderer.TopicTitle(topic)}",
            "Classified trade-policy news: trade talks, tariffs, rare-earth export controls.",
            self,
            self.AbsoluteUri,
            alerts.Count > 0 ? alerts.Max(a => a.DiscoveredAt) : time.GetUtcNow())
        {
            Items = alerts.Select(Entry).ToList(),
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = "Alerts" });

        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        // The writer declares the StringBuilder's UTF-16; the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static SyndicationItem Entry(AlertDocument alert)
    {
        var entry = new SyndicationItem
        {
            Id = "urn:alerts:alert:" + alert.Id,
            Title = new TextSyndicationContent(alert.Title),
            Summary = new TextSyndicationContent($"{alert.Severity} severity · {string.Join(", ", alert.Topics)}. {alert.Summary}".Trim()),
            LastUpdatedTime = alert.DiscoveredAt,
        };
        if (alert.Published is { } published)
        {
            entry.PublishDate = published;
        }

        if (Uri.TryCreate(alert.Link, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps))
        {
            entry.Links.Add(SyndicationLink.CreateAlternateLink(link));
        }

        foreach (var topic in alert.Topics)
        {
            entry.Categories.Add(new SyndicationCategory(topic));
        }

        return entry;
    }
}
