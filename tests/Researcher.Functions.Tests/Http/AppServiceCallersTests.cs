using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Researcher.Core.Api;
using Researcher.Functions.Http;
using Researcher.Functions.Tests.Support;

namespace Researcher.Functions.Tests.Http;

/// <summary>How the Functions app reads its callers, with and without App Service Authentication.</summary>
public sealed class AppServiceCallersTests
{
    [Fact]
    public void With_no_identity_every_caller_is_anonymous_whatever_headers_it_sends()
    {
        var callers = Callers("");

        var caller = callers.From(Request(("X-MS-CLIENT-PRINCIPAL-IDP", "aad"), ("X-MS-CLIENT-PRINCIPAL-ID", "user-1")));

        Assert.False(callers.IdentityConfigured);
        Assert.Same(Caller.Anonymous, caller);
    }

    [Fact]
    public void Under_App_Service_Authentication_the_caller_is_the_provider_qualified_principal()
    {
        var caller = Callers(FunctionsIdentityOptions.AppServiceAuthentication)
            .From(Request(("x-ms-client-principal-idp", "aad"), ("x-ms-client-principal-id", "3f2a0c1e-user")));

        Assert.Equal(Caller.User("aad:3f2a0c1e-user"), caller);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("aad", null)]
    [InlineData(null, "user-1")]
    [InlineData("aad", " ")]
    public void Under_App_Service_Authentication_a_request_without_both_principal_headers_is_unauthenticated(string? idp, string? id)
    {
        var headers = new List<(string, string)>();
        if (idp is not null) headers.Add((AppServiceCallers.PrincipalIdpHeader, idp));
        if (id is not null) headers.Add((AppServiceCallers.PrincipalIdHeader, id));

        Assert.Same(Caller.Unauthenticated, Callers(FunctionsIdentityOptions.AppServiceAuthentication).From(Request([.. headers])));
    }

    [Fact]
    public void Under_App_Service_Authentication_two_principal_ids_are_unauthenticated()
    {
        var caller = Callers(FunctionsIdentityOptions.AppServiceAuthentication).From(Request(
            (AppServiceCallers.PrincipalIdpHeader, "aad"), (AppServiceCallers.PrincipalIdHeader, "user-1"), (AppServiceCallers.PrincipalIdHeader, "user-2")));

        Assert.Same(Caller.Unauthenticated, caller);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("AppServiceAuthentication", true)]
    [InlineData("Bearer", false)]
    [InlineData("appserviceauthentication", false)]
    public void Only_the_known_providers_are_valid_settings(string provider, bool valid)
    {
        var options = new FunctionsIdentityOptions { Provider = provider };

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    private static AppServiceCallers Callers(string provider) => new(Options.Create(new FunctionsIdentityOptions { Provider = provider }));

    private static Microsoft.Azure.Functions.Worker.Http.HttpRequestData Request(params (string Name, string Value)[] headers) =>
        HttpFakes.Request("GET", "/api/research", null, null, headers);
}
