using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MlopsServerless.Sqlite;

/// <summary>
/// The <c>ORDINAL</c> collation of row keys: UTF-16 code unit order, as <see cref="string.CompareOrdinal(string, string)"/>
/// compares. It compares SQLite's UTF-8 text directly (transcoding into stack or pooled buffers only when a key is not
/// ASCII), so a comparison allocates nothing; <c>SqliteConnection.CreateCollation</c> with a <c>Comparison&lt;string&gt;</c>
/// makes two strings per comparison, and an insert compares a key with every B-tree level.
/// </summary>
public static class OrdinalCollation
{
    public const string Name = "ORDINAL";

    /// <summary>Registers the collation on <paramref name="connection"/> (open).</summary>
    public static void Register(SqliteConnection connection)
    {
        var code = SQLitePCL.raw.sqlite3__create_collation_utf8(connection.Handle, Name, null, (_, left, right) => Compare(left, right));
        SqliteException.ThrowExceptionForRC(code, connection.Handle);
    }

    /// <summary>Compares two UTF-8 strings in UTF-16 code unit order; negative, zero or positive.</summary>
    public static int Compare(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (Ascii.IsValid(left) && Ascii.IsValid(right))
        {
            // ASCII bytes are their UTF-16 code units.
            return Math.Sign(left.SequenceCompareTo(right));
        }

        char[]? rentedLeft = null;
        char[]? rentedRight = null;
        try
        {
            var l = left.Length <= 256 ? stackalloc char[left.Length] : (rentedLeft = ArrayPool<char>.Shared.Rent(left.Length));
            var r = right.Length <= 256 ? stackalloc char[right.Length] : (rentedRight = ArrayPool<char>.Shared.Rent(right.Length));
            var leftChars = Encoding.UTF8.GetChars(left, l);
            var rightChars = Encoding.UTF8.GetChars(right, r);
            return Math.Sign(((ReadOnlySpan<char>)l[..leftChars]).SequenceCompareTo(r[..rightChars]));
        }
        finally
        {
            if (rentedLeft is not null)
            {
                ArrayPool<char>.Shared.Return(rentedLeft);
            }

            if (rentedRight is not null)
            {
                ArrayPool<char>.Shared.Return(rentedRight);
            }
        }
    }
}
