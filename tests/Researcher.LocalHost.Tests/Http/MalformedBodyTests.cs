using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Researcher.Core.Contracts;
using Researcher.LocalHost.Tests.Support;
using Researcher.Testing;

namespace Researcher.LocalHost.Tests.Http;

/// <summary>
/// A request body that breaks HTTP's own framing (a bad chunked encoding) is the caller's fault: a
/// 400, never a 500. Sent over a raw socket, since no HTTP client writes such a body.
/// </summary>
[Collection(AzuriteFixture.CollectionName)]
public sealed class MalformedBodyTests(AzuriteFixture azurite) : ServerTests(azurite)
{
    private const string Body = """{"question":"How do tides form?"}""";

    [Theory]
    [InlineData("a chunk size that is not hexadecimal", "ZZ")]
    [InlineData("a chunk size that overflows", "FFFFFFFFFFFFFFFFFF")]
    public async Task A_malformed_chunked_body_is_a_400(string @case, string chunkSize)
    {
        var response = await SendRawAsync(
            "POST /api/research HTTP/1.1\r\n" +
            "Host: x\r\n" +
            "Content-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "Connection: close\r\n" +
            "\r\n" +
            $"{chunkSize}\r\n{Body}\r\n0\r\n\r\n");

        Assert.True(response.Status == 400, $"{@case}: expected 400, got {response.Status}:\n{response.Head}\n\n{response.Body}");
        if (response.Body.Length > 0)
        {
            Assert.Equal(Problem.ContentType, response.ContentType);
            Assert.Contains("\"status\":400", response.Body);
            Assert.DoesNotContain("   at ", response.Body);
        }
    }

    [Fact]
    public async Task A_well_formed_chunked_body_is_still_accepted()
    {
        var response = await SendRawAsync(
            "POST /api/research HTTP/1.1\r\n" +
            "Host: x\r\n" +
            "Content-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\n" +
            "Connection: close\r\n" +
            "\r\n" +
            $"{Encoding.UTF8.GetByteCount(Body):X}\r\n{Body}\r\n0\r\n\r\n");

        Assert.True(response.Status == 202, $"expected 202, got {response.Status}:\n{response.Head}\n\n{response.Body}");
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is and reads the answer until the server closes the
    /// connection (the request asks it to), each read bounded by <see cref="TestTimeouts.Bound"/>.
    /// </summary>
    private async Task<RawResponse> SendRawAsync(string request)
    {
        var address = Server.Client.BaseAddress!;
        using var timeout = new CancellationTokenSource(TestTimeouts.Bound);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        using var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            received.Write(buffer, 0, read);
        return RawResponse.Parse(received.ToArray());
    }

    /// <summary>An HTTP/1.1 answer as received: status, content type, and the body with any chunked framing removed.</summary>
    private sealed record RawResponse(int Status, string? ContentType, string Head, string Body)
    {
        private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();
        private static readonly byte[] EndOfLine = "\r\n"u8.ToArray();

        public static RawResponse Parse(byte[] received)
        {
            var end = received.AsSpan().IndexOf(EndOfHead);
            Assert.True(end > 0, $"The answer has no complete head:\n{Encoding.UTF8.GetString(received)}");
            var head = Encoding.ASCII.GetString(received, 0, end);
            var lines = head.Split("\r\n");
            var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = lines.Skip(1)
                .Select(line => line.Split(':', 2))
                .ToLookup(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var body = received.AsSpan(end + EndOfHead.Length);
            var chunked = headers["Transfer-Encoding"].Any(value => value.Contains("chunked", StringComparison.OrdinalIgnoreCase));
            var contentType = headers["Content-Type"].FirstOrDefault()?.Split(';')[0].Trim();
            return new RawResponse(status, contentType, head, chunked ? Unchunk(body) : Encoding.UTF8.GetString(body));
        }

        private static string Unchunk(ReadOnlySpan<byte> chunked)
        {
            var body = new MemoryStream();
            while (chunked.IndexOf(EndOfLine) is var lineEnd and >= 0)
            {
                var size = int.Parse(Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0) break;
                body.Write(chunked.Slice(lineEnd + EndOfLine.Length, size));
                chunked = chunked[(lineEnd + EndOfLine.Length + size + EndOfLine.Length)..];
            }
            return Encoding.UTF8.GetString(body.ToArray());
        }
    }
}
