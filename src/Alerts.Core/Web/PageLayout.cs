using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Alerts.Core.Web;

/// <summary>
/// The frame every page shares. Pages carry no scripts and no external assets; the one stylesheet is inline and
/// allowed by its hash, so the Content-Security-Policy can forbid everything else.
/// </summary>
public static class PageLayout
{
    public const string StatusPagePath = "/api/status/page";
    public const string HomePath = "/api/ui";

    private const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
        h1{font-size:1.5rem}fieldset{border:1px solid #888;margin:1rem 0;padding:.5rem 1rem}
        label{display:block;margin:.5rem 0 .25rem}input[type=checkbox]+label,input[type=radio]+label{display:inline;margin-left:.25rem}
        input,select,button{font:inherit}input[type=email],input[type=text]{width:100%;box-sizing:border-box}
        button{padding:.5rem 1.25rem;margin-top:1rem}:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
        .error{color:#a51d2d}.note{color:#444}footer{margin-top:3rem;border-top:1px solid #ccc;padding-top:.5rem}
        code{word-break:break-all}
        """;

    /// <summary>The policy every page is served with.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(string title, string body)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append(" · Alerts</title><style>").Append(Style).Append("</style></head>\n<body>\n<main>\n<h1>")
            .Append(Encode(title)).Append("</h1>\n").Append(body)
            .Append("\n</main>\n<footer><a href=\"").Append(HomePath).Append("\">Subscribe</a> · <a href=\"").Append(StatusPagePath)
            .Append("\">Service status</a></footer>\n</body></html>\n");
        return html.ToString();
    }

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
