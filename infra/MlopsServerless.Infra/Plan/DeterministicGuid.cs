using System.Security.Cryptography;
using System.Text;

namespace MlopsServerless.Infra.Plan;

/// <summary>Name-based GUIDs (RFC 9562 version 5): the same name always gives the same GUID, so re-running changes nothing.</summary>
public static class DeterministicGuid
{
    /// <summary>The namespace of every GUID this program derives (itself a fixed, arbitrary GUID).</summary>
    public static readonly Guid Namespace = new("5f0c9a43-7d0e-4b6f-9a51-2c7e8d3b1a64");

    public static Guid Create(string name)
    {
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(input, 0);
        nameBytes.CopyTo(input, namespaceBytes.Length);

        // SHA-1 is what version 5 specifies; this is naming, not security.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
