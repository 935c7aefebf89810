using System.Collections.Specialized;
using System.Security.Claims;
using System.Web;

namespace Microsoft.Azure.Functions.Worker.Http;

/// <summary>The HTTP request the host hands to an HTTP-triggered function (Cookies is left out).</summary>
public abstract class HttpRequestData(FunctionContext functionContext)
{
    private NameValueCollection? query;

    public abstract Stream Body { get; }

    public abstract HttpHeadersCollection Headers { get; }

    public abstract Uri Url { get; }

    public abstract IEnumerable<ClaimsIdentity> Identities { get; }

    public abstract string Method { get; }

    public FunctionContext FunctionContext { get; } = functionContext ?? throw new ArgumentNullException(nameof(functionContext));

    public abstract HttpResponseData CreateResponse();

    /// <summary>The query string of <see cref="Url"/>, parsed once.</summary>
    public virtual NameValueCollection Query => query ??= HttpUtility.ParseQueryString(Url.Query);
}
