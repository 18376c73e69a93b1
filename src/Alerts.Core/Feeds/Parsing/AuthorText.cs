namespace Alerts.Core.Feeds.Parsing;

/// <summary>RSS-style author text ("jane@example.org (Jane Roe)", "Jane Roe &lt;jane@example.org&gt;") reduced to the name, else the address.</summary>
internal static class AuthorText
{
    public static string? Name(string? text)
    {
        var t = PlainText.Fold(text);
        if (t.Length == 0)
        {
            return null;
        }

        if (t.EndsWith(')') && t.LastIndexOf('(') is var open and >= 0)
        {
            var outside = t[..open].Trim();
            var inside = t[(open + 1)..^1].Trim();
            return outside.Length == 0 ? Nullable(inside) : outside.Contains('@', StringComparison.Ordinal) && inside.Length > 0 ? inside : outside;
        }

        if (t.EndsWith('>') && t.LastIndexOf('<') is var lt and >= 0)
        {
            var name = t[..lt].Trim().Trim('"');
            return name.Length > 0 ? name : Nullable(t[(lt + 1)..^1].Trim());
        }

        return t;
    }

    private static string? Nullable(string s) => s.Length == 0 ? null : s;
}
