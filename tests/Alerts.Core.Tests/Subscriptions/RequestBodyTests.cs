using System.Text;
using Alerts.Core.Subscriptions;

namespace Alerts.Core.Tests.Subscriptions;

public sealed class RequestBodyTests
{
    [Fact]
    public async Task A_valid_body_is_read_with_its_nested_fields()
    {
        var outcome = await Read("""{"email":"a@example.com","topics":["tariffs"],"sendHour":7,"keywords":{"include":["steel"]}}""");

        Assert.Null(outcome.Problem);
        Assert.Equal("a@example.com", outcome.Value!.Email);
        Assert.Equal(7, outcome.Value.SendHour);
        Assert.Equal(["steel"], outcome.Value.Keywords!.Include!);
    }

    [Fact]
    public async Task An_unknown_field_is_refused_and_named()
    {
        var outcome = await Read("""{"email":"a@example.com","topics":["tariffs"],"isAdmin":true}""");

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Equal(["Unknown field."], outcome.Problem.Errors!["isAdmin"]);
    }

    [Fact]
    public async Task An_unknown_nested_field_is_refused()
    {
        var outcome = await Read("""{"email":"a@example.com","topics":["tariffs"],"keywords":{"include":[],"regex":".*"}}""");

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.Contains(outcome.Problem.Errors!.Keys, k => k.Contains("regex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_duplicate_field_is_refused()
    {
        var outcome = await Read("""{"email":"a@example.com","email":"b@example.com","topics":["tariffs"]}""");

        Assert.Equal(400, outcome.Problem!.Status);
    }

    [Theory]
    [InlineData("""{"email":"a@example.com","sendHour":"seven"}""", "sendHour")]
    [InlineData("""{"email":"a@example.com","sendHour":7.5}""", "sendHour")]
    [InlineData("""{"email":"a@example.com","sendHour":99999999999}""", "sendHour")]
    [InlineData("""{"email":{"x":1}}""", "email")]
    [InlineData("""{"email":"a@example.com","topics":"tariffs"}""", "topics")]
    public async Task A_wrong_type_is_reported_against_its_field(string body, string field)
    {
        var outcome = await Read(body);

        Assert.Equal(400, outcome.Problem!.Status);
        Assert.True(outcome.Problem.Errors!.ContainsKey(field), string.Join(",", outcome.Problem.Errors.Keys));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"email\":")]
    [InlineData("{'email':'a@example.com'}")]
    [InlineData("\u0000\u0001")]
    public async Task Malformed_bodies_are_refused_with_400(string body)
        => Assert.Equal(400, (await Read(body)).Problem!.Status);

    [Fact]
    public async Task Deep_nesting_is_refused_not_followed()
    {
        var body = "{\"keywords\":" + new string('[', 5000) + new string(']', 5000) + "}";

        Assert.Equal(400, (await Read(body)).Problem!.Status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
        => Assert.Equal(413, (await Read("{\"email\":\"" + new string('a', RequestBody.MaxBytes) + "\"}")).Problem!.Status);

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_declared_json_is_refused_with_415(string? contentType)
        => Assert.Equal(415, (await Read("{}", contentType)).Problem!.Status);

    [Fact]
    public async Task Json_with_a_charset_parameter_is_accepted()
        => Assert.Null((await Read("""{"email":"a@example.com","topics":[]}""", "application/json; charset=utf-8")).Problem);

    private static Task<ApiOutcome<SubscribeRequest>> Read(string body, string? contentType = "application/json")
        => RequestBody.ReadJsonAsync<SubscribeRequest>(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType, CancellationToken.None);
}
