using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Cli.Runner;

/// <summary>Enforces a function's <see cref="AuthorizationLevel"/>: anonymous, or the admin key in <c>x-functions-key</c> or <c>?code=</c>.</summary>
internal sealed class KeyAuthorization(string adminKey)
{
    public const string Header = "x-functions-key";

    public bool Allows(HttpRequest request, AuthorizationLevel level)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers[Header].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        return presented is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(adminKey));
    }
}
