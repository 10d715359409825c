using System.Globalization;
using MlopsServerless.Core.Errors;

namespace MlopsServerless.Http.Paging;

/// <summary>
/// <c>pageSize</c> and <c>pageToken</c> of a list endpoint, checked once: the token is the offset the previous page
/// ended at, opaque to callers.
/// </summary>
public sealed record PageRequest(int Size, int Offset)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 200;

    /// <exception cref="MlopsException">InvalidArgument for a size outside 1..200 or a token this API did not give out.</exception>
    public static PageRequest From(int? pageSize, string? pageToken)
    {
        var size = CheckedSize(pageSize);
        var offset = 0;
        if (pageToken is not null && (!int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            throw MlopsException.InvalidArgument("pageToken is not one this API gave out; start again without it.");
        }

        return new PageRequest(size, offset);
    }

    /// <summary>The page size asked for (<see cref="DefaultSize"/> when not given), for APIs whose page token is not an offset.</summary>
    /// <exception cref="MlopsException">InvalidArgument outside 1 to <see cref="MaxSize"/>.</exception>
    public static int CheckedSize(int? pageSize)
    {
        var size = pageSize ?? DefaultSize;
        return size is < 1 or > MaxSize ? throw MlopsException.InvalidArgument($"pageSize must be between 1 and {MaxSize}.") : size;
    }

    /// <summary>This page of <paramref name="total"/> items, each read only when it is on the page.</summary>
    public async Task<Page<T>> SliceAsync<TSource, T>(IReadOnlyList<TSource> total, Func<TSource, Task<T>> read)
    {
        var items = new List<T>();
        foreach (var source in total.Skip(Offset).Take(Size))
        {
            items.Add(await read(source).ConfigureAwait(false));
        }

        return new Page<T>(items, NextToken(total.Count, items.Count));
    }

    /// <summary>This page of <paramref name="total"/>.</summary>
    public Page<T> Slice<T>(IReadOnlyList<T> total)
    {
        var items = total.Skip(Offset).Take(Size).ToList();
        return new Page<T>(items, NextToken(total.Count, items.Count));
    }

    private string? NextToken(int total, int taken) =>
        Offset + taken < total ? (Offset + taken).ToString(CultureInfo.InvariantCulture) : null;
}
