using Alerts.Cli.Runner;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Alerts.Core.Tests.Runner;

public class KeyAuthorizationTests
{
    private const string AdminKey = "s3cret-admin-key";
    private static readonly KeyAuthorization Keys = new(AdminKey);

    private static HttpRequest Request(string? header = null, string? code = null)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers[KeyAuthorization.Header] = header;
        }

        if (code is not null)
        {
            context.Request.QueryString = QueryString.Create("code", code);
        }

        return context.Request;
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("wrong", null)]
    [InlineData(null, "wrong")]
    [InlineData(AdminKey, null)]
    public void Anonymous_is_always_allowed(string? header, string? code)
        => Assert.True(Keys.Allows(Request(header, code), AuthorizationLevel.Anonymous));

    [Fact]
    public void Function_level_needs_a_key()
        => Assert.False(Keys.Allows(Request(), AuthorizationLevel.Function));

    [Fact]
    public void Function_level_accepts_the_key_in_the_header()
        => Assert.True(Keys.Allows(Request(header: AdminKey), AuthorizationLevel.Function));

    [Fact]
    public void Function_level_accepts_the_key_in_the_code_parameter()
        => Assert.True(Keys.Allows(Request(code: AdminKey), AuthorizationLevel.Function));

    [Theory]
    [InlineData("wrong", null)]
    [InlineData(null, "wrong")]
    [InlineData("", null)]
    [InlineData(null, "")]
    [InlineData("S3CRET-ADMIN-KEY", null)]
    [InlineData(AdminKey + " ", null)]
    [InlineData("s3cret-admin-ke", null)]
    public void Wrong_key_is_refused(string? header, string? code)
        => Assert.False(Keys.Allows(Request(header, code), AuthorizationLevel.Function));

    [Fact]
    public void Header_name_is_case_insensitive()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Functions-Key"] = AdminKey;

        Assert.True(Keys.Allows(context.Request, AuthorizationLevel.Function));
    }

    [Fact]
    public void Admin_level_needs_the_key_too()
    {
        Assert.False(Keys.Allows(Request(), AuthorizationLevel.Admin));
        Assert.False(Keys.Allows(Request(header: "wrong"), AuthorizationLevel.Admin));
        Assert.True(Keys.Allows(Request(header: AdminKey), AuthorizationLevel.Admin));
        Assert.True(Keys.Allows(Request(code: AdminKey), AuthorizationLevel.Admin));
    }

    [Fact]
    public void Header_key_takes_precedence_over_the_code_parameter()
    {
        Assert.False(Keys.Allows(Request(header: "wrong", code: AdminKey), AuthorizationLevel.Function));
        Assert.True(Keys.Allows(Request(header: AdminKey, code: "wrong"), AuthorizationLevel.Function));
    }
}
