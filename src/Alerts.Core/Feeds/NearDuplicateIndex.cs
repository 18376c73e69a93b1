using System.Globalization;
using System.Text;
using Alerts.Core.Storage;
using Azure;

namespace Alerts.Core.Feeds;

/// <summary>
/// The cross-feed near-duplicate check: items whose normalised titles agree within <see cref="Window"/> are one
/// story. A marker per normalised title lives in <c>SeenItems</c> (insert-if-absent, so concurrent polls agree on
/// the first claimant); an older marker is taken over, so a title that recurs days later counts as news again.
/// </summary>
public sealed class NearDuplicateIndex(AlertsStorage storage)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>Shorter titles ("Press release", "Daily update") are too generic to identify a story.</summary>
    public const int MinWords = 4;

    /// <summary>Returns the key of the earlier item with the same title within the window, or null when this item is the first.</summary>
    public async Task<string?> ClaimAsync(string title, string itemKey, string feedId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (NormalisedTitle(title) is not { } normalised)
        {
            return null;
        }

        var titleKey = TableKeys.Hash(normalised);
        var table = await storage.TableAsync(StorageNames.SeenItemsTable, cancellationToken).ConfigureAwait(false);
        var claim = new TitleMarkerEntity { PartitionKey = TitleMarkerEntity.PartitionFor(titleKey), RowKey = titleKey, ItemKey = itemKey, FeedId = feedId, SeenAt = now };
        while (true)
        {
            try
            {
                await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
            }

            var existing = await table.GetEntityIfExistsAsync<TitleMarkerEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                continue;
            }

            var marker = existing.Value!;
            if (marker.ItemKey == itemKey)
            {
                return null;
            }

            if (now - marker.SeenAt <= Window)
            {
                return marker.ItemKey;
            }

            try
            {
                await table.UpdateEntityAsync(claim, marker.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return null;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Another poll took the stale marker over first (412): read again and defer to it. Or PruneStorage
                // deleted it as stale (404): claim the title afresh.
            }
        }
    }

    /// <summary>Lower-case words of letters and digits, accents removed; null when too short to identify a story.</summary>
    public static string? NormalisedTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words.Count >= MinWords ? string.Join(' ', words) : null;
    }
}
