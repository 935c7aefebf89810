using System.Net.Sockets;
using Azure;

namespace Researcher.Core.Storage;

/// <summary>Tells a storage service that cannot be reached (worth waiting for) from a request that is wrong.</summary>
public static class StorageFaults
{
    /// <summary>
    /// True when <paramref name="exception"/>, or any exception it wraps, says the storage service
    /// could not be reached or is failing: no connection, a time-out, or a 5xx answer (including
    /// 503 Server Busy). A 4xx answer is a fault of the request, not of availability.
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case RequestFailedException { Status: 0 or >= 500 }:
                case HttpRequestException:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsUnavailable):
                    return true;
            }
        }
        return false;
    }
}
