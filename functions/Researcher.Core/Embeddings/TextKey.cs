using System.IO.Hashing;
using System.Text;

namespace Researcher.Core.Embeddings;

/// <summary>A 128-bit content hash (XxHash128 of the UTF-8 bytes) that stands for a text in caches of its embedding.</summary>
internal static class TextKey
{
    public static UInt128 Of(string text) => XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));
}
