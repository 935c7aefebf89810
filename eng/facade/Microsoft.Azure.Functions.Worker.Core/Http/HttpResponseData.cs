using System.Net;

namespace Microsoft.Azure.Functions.Worker.Http;

/// <summary>The HTTP response a function returns to the host (Cookies is left out).</summary>
public abstract class HttpResponseData(FunctionContext functionContext)
{
    public abstract HttpStatusCode StatusCode { get; set; }

    public abstract HttpHeadersCollection Headers { get; set; }

    public abstract Stream Body { get; set; }

    public FunctionContext FunctionContext { get; } = functionContext ?? throw new ArgumentNullException(nameof(functionContext));

    public static HttpResponseData CreateResponse(HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.CreateResponse();
    }
}
