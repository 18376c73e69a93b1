using System.CommandLine;
using Alerts.Cli.Configuration;
using Alerts.Core;
using Alerts.Core.Classification;
using Alerts.Core.Status;
using Alerts.Core.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Alerts.Cli.Commands;

/// <summary><c>alerts subscribers add</c>: an operator adds an already-confirmed email subscriber.</summary>
internal static class SubscribersCommand
{
    public static Command Create()
    {
        var email = new Argument<string>("email") { Description = "The subscriber's email address." };
        var topics = new Option<string>("--topics") { Description = "Comma-separated topic ids.", Required = true };
        var cadence = new Option<string>("--cadence") { Description = "immediate, daily or weekly.", DefaultValueFactory = _ => Cadence.Daily };
        cadence.AcceptOnlyFromAmong([.. Cadence.All]);
        var add = new Command("add", "Add an active email subscriber (no opt-in email: the operator vouches for the address).") { email, topics, cadence };
        add.SetAction((result, cancellationToken) => AddAsync(result.GetValue(email)!, result.GetValue(topics)!, result.GetValue(cadence)!, cancellationToken));
        return new Command("subscribers", "Manage subscribers.") { add };
    }

    private static async Task<int> AddAsync(string email, string topicList, string cadence, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryNormalise(email, out var address, out var emailError))
        {
            return Error(emailError);
        }

        await using var services = BuildServices();
        var known = services.GetRequiredService<TopicClassifier>().TopicIds.ToHashSet(StringComparer.Ordinal);
        var topics = topicList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (topics.Count == 0 || topics.Any(t => !known.Contains(t)))
        {
            return Error($"--topics must name one or more of: {string.Join(", ", known.Order())}.");
        }

        var (healthy, storageError) = await services.GetRequiredService<HealthService>().CheckAsync(cancellationToken).ConfigureAwait(false);
        if (!healthy)
        {
            Console.Error.WriteLine($"alerts subscribers add: {storageError}");
            return ExitCodes.Failed;
        }

        var (subscriber, added) = await services.GetRequiredService<SubscriberStore>()
            .AddActiveEmailAsync(address, topics, cadence, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine(added
            ? $"Added subscriber {subscriber.RowKey} ({subscriber.Cadence}; topics {subscriber.Topics})."
            : $"Subscriber {subscriber.RowKey} already exists ({subscriber.Status}; topics {subscriber.Topics}); nothing changed.");
        return ExitCodes.Ok;
    }

    private static int Error(string message)
    {
        Console.Error.WriteLine($"alerts subscribers add: {message}");
        return ExitCodes.BadInput;
    }

    private static ServiceProvider BuildServices()
    {
        var configuration = LocalConfiguration.Build(Directory.GetCurrentDirectory(), new Dictionary<string, string?>());
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddAlerts(configuration);
        return services.BuildServiceProvider();
    }
}
