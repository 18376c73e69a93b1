using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Alerts.Benchmarks.Delivery;

/// <summary>A SendGrid v3 fake on 127.0.0.1 (HttpListener) that answers 202 and counts requests and mails per recipient.</summary>
internal sealed class SendGridCounter : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public SendGridCounter()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public int Requests => _requests;

    public ConcurrentDictionary<string, int> MailsPerRecipient { get; } = new(StringComparer.Ordinal);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
                Interlocked.Increment(ref _requests);
                foreach (var personalization in body.RootElement.GetProperty("personalizations").EnumerateArray())
                {
                    MailsPerRecipient.AddOrUpdate(personalization.GetProperty("to")[0].GetProperty("email").GetString()!, 1, (_, n) => n + 1);
                }

                context.Response.StatusCode = 202;
                context.Response.Close();
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
