using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Alerts.Core.Status;

/// <summary>
/// Items per hour per topic as an inline SVG line chart, drawn on the server: no script, no external asset.
/// Series differ by colour and by dash pattern, so the chart does not rely on colour alone; the page puts the
/// same numbers in a table beside it.
/// </summary>
public static class ItemsChart
{
    public const int Width = 720;
    public const int Height = 260;
    private const int Left = 44;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 36;
    private const int GridLines = 4;

    /// <summary>Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
    private static readonly string[] Colours = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];

    private static readonly string[] Dashes = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"];

    public static string Colour(int series) => Colours[series % Colours.Length];

    public static string Dash(int series) => Dashes[series % Dashes.Length];

    /// <summary>The chart, its accessible name in <c>title</c> and a summary of every series in <c>desc</c>.</summary>
    public static string Render(IReadOnlyList<HourlyItems> hours, IReadOnlyList<string> topics)
    {
        var html = HtmlEncoder.Default;
        var max = hours.SelectMany(h => h.Topics.Values).DefaultIfEmpty(0).Max();
        var gridStep = NiceCeiling(Math.Max(1, (max + GridLines - 1) / GridLines));
        var top = gridStep * GridLines;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (hours.Count <= 1 ? 0 : plotWidth * i / (double)(hours.Count - 1));
        double Y(long value) => Top + plotHeight - (plotHeight * value / (double)top);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"chart-title\">Items per hour per topic, last {hours.Count} hours (UTC)</title>");
        svg.Append("<desc id=\"chart-desc\">");
        svg.Append(html.Encode(Describe(hours, topics)));
        svg.Append("</desc>");

        for (var line = 0; line <= GridLines; line++)
        {
            var value = gridStep * line;
            var y = Y(value);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#444\">{value}</text>");
        }

        for (var i = 0; i < hours.Count; i++)
        {
            if (hours[i].Hour.Hour % 6 == 0)
            {
                var x = X(i);
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.#}\" y1=\"{Top + plotHeight}\" x2=\"{x:0.#}\" y2=\"{Top + plotHeight + 4}\" stroke=\"#444\"/>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">{hours[i].Hour.UtcDateTime:HH}:00</text>");
                if (hours[i].Hour.Hour == 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + plotHeight + 30}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">{hours[i].Hour.UtcDateTime:MMM d}</text>");
                }
            }
        }

        for (var s = 0; s < topics.Count; s++)
        {
            var points = string.Join(' ', hours.Select((h, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(h.Topics.GetValueOrDefault(topics[s])):0.#}")));
            var dash = Dash(s).Length == 0 ? "" : $" stroke-dasharray=\"{Dash(s)}\"";
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"series\" data-topic=\"{html.Encode(topics[s])}\" points=\"{points}\" fill=\"none\" stroke=\"{Colour(s)}\" stroke-width=\"2\"{dash}/>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The chart in words: per topic the total and the busiest hour.</summary>
    public static string Describe(IReadOnlyList<HourlyItems> hours, IReadOnlyList<string> topics)
    {
        var parts = topics.Select(topic =>
        {
            var total = hours.Sum(h => h.Topics.GetValueOrDefault(topic));
            if (total == 0)
            {
                return $"{topic}: none";
            }

            var busiest = hours.OrderByDescending(h => h.Topics.GetValueOrDefault(topic)).ThenBy(h => h.Hour).First();
            return string.Create(CultureInfo.InvariantCulture, $"{topic}: {total} in all, most ({busiest.Topics[topic]}) in the hour from {busiest.Hour.UtcDateTime:yyyy-MM-dd HH}:00 UTC");
        });
        return string.Join("; ", parts) + ".";
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="value"/>, so gridlines fall on round numbers.</summary>
    internal static long NiceCeiling(long value)
    {
        long magnitude = 1;
        while (magnitude * 10 <= value)
        {
            magnitude *= 10;
        }

        foreach (var factor in new long[] { 1, 2, 5 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
