using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Researcher.Core;
using Researcher.Core.Progress;

namespace Researcher.LocalHost.Live;

/// <summary>The local host's live progress (SignalR hub, negotiate tokens, pushes after each log write) and its optional identity.</summary>
public static class LiveProgressServices
{
    /// <summary>Microsoft.Azure.SignalR's setting: when set, connections are held by Azure SignalR Service instead of this process.</summary>
    public const string AzureSignalRConnectionStringKey = "Azure:SignalR:ConnectionString";

    public static IServiceCollection AddLiveProgress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<LiveProgressHostOptions>(LiveProgressHostOptions.SectionName)
            .Validate(options => options.IsKeyValid,
                $"{LiveProgressHostOptions.SectionName}:{nameof(LiveProgressHostOptions.TokenSigningKey)} must be empty or base64 of at least 32 bytes.");
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<HubTokens>();
        services.AddSingleton<IUserIdProvider, HubTokens.UserIds>();
        services.AddSingleton<IProgressNotifier, HubProgressNotifier>();

        var signalR = services.AddSignalR();
        if (!string.IsNullOrWhiteSpace(configuration[AzureSignalRConnectionStringKey]))
            signalR.AddAzureSignalR();

        services.AddAuthentication().AddJwtBearer(HubTokens.Scheme);
        services.AddOptions<JwtBearerOptions>(HubTokens.Scheme).Configure<HubTokens>((options, tokens) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = tokens.ValidationParameters();
            // Browsers cannot set headers on WebSockets or EventSource: the JS client puts the token in the query string there.
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.HttpContext.Request.Path.StartsWithSegments(ResearchHub.Path)
                        && context.Request.Query["access_token"] is { Count: 1 } token)
                        context.Token = token;
                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(HubTokens.Scheme, policy =>
            policy.AddAuthenticationSchemes(HubTokens.Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>The optional bearer identity (<c>Research:Identity:Bearer</c>), checked at start-up.</summary>
    public static IServiceCollection AddLocalIdentity(this IServiceCollection services)
    {
        services.AddOptions<BearerIdentityOptions>()
            .BindConfiguration(BearerIdentityOptions.SectionName)
            .Validate(options => options.IsValid,
                $"{BearerIdentityOptions.SectionName} is not valid: set Audience and either Authority (an https URL) or Issuer with SigningKey (base64 of at least 32 bytes), not both.")
            .ValidateOnStart();
        services.AddSingleton<LocalCallers>();

        // The scheme is always there; its settings are read when first used, so settings added after
        // this registration (a later configuration source) still count. Unconfigured, it is never asked.
        services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<BearerIdentityOptions>>((options, identity) =>
        {
            var bearer = identity.Value;
            options.MapInboundClaims = false;
            options.Audience = bearer.Audience;
            if (bearer.Authority.Length > 0)
            {
                options.Authority = bearer.Authority;
            }
            else if (SigningKeys.Decode(bearer.SigningKey) is { } key)
            {
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = bearer.Issuer,
                    ValidAudience = bearer.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(key),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                };
            }
        });
        return services;
    }

    /// <summary>The hub, reachable only with a token from <c>POST /api/negotiate</c>.</summary>
    public static IEndpointRouteBuilder MapLiveProgress(this IEndpointRouteBuilder app)
    {
        app.MapHub<ResearchHub>(ResearchHub.Path).RequireAuthorization(HubTokens.Scheme);
        return app;
    }
}
