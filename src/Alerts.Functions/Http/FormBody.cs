using Alerts.Core.Subscriptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Alerts.Functions.Http;

/// <summary>Reads a form post (URL-encoded or multipart, as RFC 8058 allows) within the same size limit as JSON bodies.</summary>
public static class FormBody
{
    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 64,
        KeyLengthLimit = 256,
        ValueLengthLimit = RequestBody.MaxBytes,
        MultipartBodyLengthLimit = RequestBody.MaxBytes,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 2048,
    };

    public static async Task<ApiOutcome<IFormCollection>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return ApiProblem.UnsupportedMediaType("application/x-www-form-urlencoded or multipart/form-data");
        }

        if (request.ContentLength > RequestBody.MaxBytes)
        {
            return ApiProblem.TooLarge(RequestBody.MaxBytes);
        }

        try
        {
            var bytes = await RequestBody.ReadBoundedAsync(request.Body, cancellationToken);
            if (bytes is null)
            {
                return ApiProblem.TooLarge(RequestBody.MaxBytes);
            }

            request.Body = new MemoryStream(bytes);
            var form = await new FormFeature(request, Limits).ReadFormAsync(cancellationToken);
            return new ApiOutcome<IFormCollection>(form, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // The multipart reader reports a missing or broken boundary as an IOException.
            return ApiProblem.BadRequest("$", "The form is malformed.");
        }
    }
}
