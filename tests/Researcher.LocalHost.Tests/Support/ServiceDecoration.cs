using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Researcher.LocalHost.Tests.Support;

internal static class ServiceCollectionDecoration
{
    /// <summary>Replaces the registration of <typeparamref name="TService"/> with <paramref name="decorate"/> applied to it.</summary>
    public static void Decorate<TService>(this IServiceCollection services, Func<TService, TService> decorate) where TService : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(TService));
        services.Replace(ServiceDescriptor.Describe(typeof(TService),
            sp => decorate((TService)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))),
            registered.Lifetime));
    }
}
