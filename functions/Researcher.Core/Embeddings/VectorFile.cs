using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Researcher.Core.Embeddings;

/// <summary>
/// Embeddings kept on disk by content hash: an append-only file of one model's vectors, so an
/// index build that stops (the process is killed, the machine sleeps) keeps every vector it made
/// and the next build embeds only the rest. A header names the model and the dimensions; each
/// record is the text's key, the vector and a checksum of both. A record cut short or damaged ends
/// the file: what follows it is dropped on the next append. One writer at a time (the index
/// builder holds the index folder's lock); reading while another process appends sees a prefix.
/// </summary>
internal sealed class VectorFile(string path, string modelId)
{
    private const string Magic = "RSVEC001";

    private static int RecordBytes(int dimensions) => 16 + dimensions * sizeof(float) + sizeof(uint);

    /// <summary>
    /// Every whole record of the file, by key (the last one of a key wins), with the length of the
    /// valid part (0: start the file anew); empty when the file is missing, damaged in its header,
    /// or made by another model.
    /// </summary>
    public Dictionary<UInt128, float[]> Read(out long validLength)
    {
        var vectors = new Dictionary<UInt128, float[]>();
        validLength = 0;
        if (!File.Exists(path)) return vectors;

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        var model = Encoding.UTF8.GetBytes(modelId);
        var start = new byte[Magic.Length + 8 + model.Length];
        if (stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) < start.Length) return vectors;
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(start.AsSpan(Magic.Length));
        if (dimensions is <= 0 or > 65_536 || !start.AsSpan().SequenceEqual(Header(dimensions))) return vectors;

        validLength = start.Length;
        var record = new byte[RecordBytes(dimensions)];
        while (stream.ReadAtLeast(record, record.Length, throwOnEndOfStream: false) == record.Length)
        {
            var body = record.AsSpan(0, record.Length - sizeof(uint));
            if (XxHash32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(body.Length))) break;
            var key = BinaryPrimitives.ReadUInt128LittleEndian(body);
            vectors[key] = MemoryMarshal.Cast<byte, float>(body[16..]).ToArray();
            validLength += record.Length;
        }
        return vectors;
    }

    /// <summary>
    /// Opens the file for appending vectors of <paramref name="dimensions"/> after its last whole
    /// record (<paramref name="validLength"/>, as <see cref="Read"/> gave it), starting it anew when
    /// that is 0.
    /// </summary>
    public Appender OpenForAppend(long validLength, int dimensions)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read | FileShare.Delete);
        if (validLength == 0)
        {
            stream.SetLength(0);
            stream.Write(Header(dimensions));
        }
        else
        {
            stream.SetLength(validLength);
            stream.Seek(validLength, SeekOrigin.Begin);
        }
        return new Appender(stream, dimensions);
    }

    /// <summary>Writes a fresh file holding only <paramref name="vectors"/> (dropping the vectors of texts no longer indexed), then puts it in place.</summary>
    public void Rewrite(IEnumerable<KeyValuePair<UInt128, float[]>> vectors, int dimensions)
    {
        var temporary = path + ".new";
        using (var appender = new VectorFile(temporary, modelId).OpenForAppend(0, dimensions))
        {
            foreach (var (key, vector) in vectors) appender.Append(key, vector);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private byte[] Header(int dimensions)
    {
        var model = Encoding.UTF8.GetBytes(modelId);
        var header = new byte[Magic.Length + 8 + model.Length];
        Encoding.ASCII.GetBytes(Magic, header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length), dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(Magic.Length + 4), model.Length);
        model.CopyTo(header, Magic.Length + 8);
        return header;
    }

    /// <summary>Appends records; each is written whole with its checksum, and flushed to disk on <see cref="Flush"/> and when disposed.</summary>
    public sealed class Appender(FileStream stream, int dimensions) : IDisposable
    {
        private readonly byte[] record = new byte[16 + dimensions * sizeof(float) + sizeof(uint)];

        public void Append(UInt128 key, ReadOnlySpan<float> vector)
        {
            if (vector.Length != dimensions)
                throw new InvalidOperationException($"A vector of {vector.Length} dimensions cannot go into a file of {dimensions}.");
            BinaryPrimitives.WriteUInt128LittleEndian(record, key);
            MemoryMarshal.AsBytes(vector).CopyTo(record.AsSpan(16));
            var body = record.AsSpan(0, record.Length - sizeof(uint));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(body.Length), XxHash32.HashToUInt32(body));
            stream.Write(record);
        }

        public void Flush() => stream.Flush(flushToDisk: true);

        public void Dispose()
        {
            Flush();
            stream.Dispose();
        }
    }
}
