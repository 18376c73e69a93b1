using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;

namespace Alerts.Core.Delivery;

/// <summary>
/// Renders a digest from the Liquid templates in <c>Templates/</c>: HTML (tables and inline styles for Gmail and
/// Outlook, no background colours so dark mode can invert it) and plain text. Every value is HTML-encoded by the
/// template engine in the HTML part. The recipient's links are left as <see cref="ManageUrl"/> and
/// <see cref="UnsubscribeUrl"/> placeholders, so recipients of the same alerts share one rendering.
/// </summary>
public static class DigestRenderer
{
    public const string ManageUrl = "%manage_url%";
    public const string UnsubscribeUrl = "%unsubscribe_url%";

    private static readonly FluidParser Parser = new();
    private static readonly IFluidTemplate HtmlTemplate = Load("digest.html.liquid");
    private static readonly IFluidTemplate TextTemplate = Load("digest.txt.liquid");
    private static readonly TemplateOptions Options = CreateOptions();

    public static DigestContent Render(IReadOnlyList<AlertDocument> ranked, IReadOnlySet<string> topics, Uri publicBaseUrl)
    {
        var top = ranked[0].Title;
        var subject = OneLine(ranked.Count == 1
            ? $"1 new trade-policy alert: {Shorten(OneLine(top), 90)}"
            : $"{ranked.Count} new trade-policy alerts: {Shorten(OneLine(top), 80)}");
        var view = new DigestView(
            subject,
            publicBaseUrl.ToString(),
            DigestItems.GroupByTopic(ranked, topics).Select(g => new TopicView(TopicTitle(g.Key), g.Select(AlertView.Of).ToList())).ToList());
        var html = HtmlTemplate.Render(new TemplateContext(view, Options), HtmlEncoder.Default);
        var text = TextTemplate.Render(new TemplateContext(view, Options), NullEncoder.Default);
        return new DigestContent(subject, html, text);
    }

    /// <summary><c>rare-earth-export-controls</c> reads as "Rare earth export controls".</summary>
    public static string TopicTitle(string topicId)
    {
        var words = topicId.Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static IFluidTemplate Load(string name)
    {
        using var stream = typeof(DigestRenderer).Assembly.GetManifestResourceStream("Alerts.Core.Delivery." + name)
            ?? throw new InvalidOperationException($"Template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Template {name}: {error}");
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { CultureInfo = CultureInfo.InvariantCulture };
        options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        options.MemberAccessStrategy.Register<DigestView>();
        options.MemberAccessStrategy.Register<TopicView>();
        options.MemberAccessStrategy.Register<AlertView>();
        return options;
    }

    /// <summary>A subject is a header: line breaks from a feed title must not reach it.</summary>
    private static string OneLine(string value)
        => string.Join(' ', value.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        // Never cut between the two halves of a surrogate pair.
        var cut = char.IsHighSurrogate(value[max - 2]) ? max - 2 : max - 1;
        return value[..cut].TrimEnd() + "…";
    }

    private sealed record DigestView(string Subject, string BaseUrl, IReadOnlyList<TopicView> Groups);

    private sealed record TopicView(string Title, IReadOnlyList<AlertView> Alerts);

    private sealed record AlertView(
        string Title,
        string? Link,
        string Source,
        string Time,
        string Severity,
        string SeverityColour,
        string Summary,
        IReadOnlyList<string> Evidence,
        IReadOnlyList<string> Figures,
        IReadOnlyList<string> Countries)
    {
        public static AlertView Of(AlertDocument alert) => new(
            alert.Title,
            SafeLink(alert.Link),
            alert.Source ?? "",
            (alert.Published ?? alert.DiscoveredAt).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            alert.Severity,
            alert.SeverityRank switch { 2 => "#c62828", 1 => "#e08a00", _ => "#8a8a8a" },
            alert.Summary,
            alert.Matches.SelectMany(m => m.Evidence).Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList(),
            alert.Figures.Select(f => $"{f.Text} ({f.Kind.Replace('-', ' ')})").ToList(),
            alert.Entities.Countries);

        /// <summary>Only http(s) links are rendered as links: a <c>javascript:</c> link from a feed must not reach a mail client.</summary>
        private static string? SafeLink(string? link)
            => Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri.ToString() : null;
    }
}

/// <summary>A rendered digest, still holding the link placeholders of <see cref="DigestRenderer"/>.</summary>
public sealed record DigestContent(string Subject, string Html, string Text);
