using System.Reflection;
using MlopsServerless.Core.Storage;

namespace MlopsServerless.Functions.Tests.Support;

/// <summary>
/// An <see cref="IObjectStore"/> in front of the real one that throws the armed fault for reads of matching keys,
/// a given number of times. A <see cref="DispatchProxy"/>, so it forwards whatever members the port has.
/// </summary>
public class StoreFaults : DispatchProxy
{
    private static readonly HashSet<string> Reads = new(StringComparer.Ordinal) { nameof(IObjectStore.GetAsync), nameof(IObjectStore.OpenReadAsync) };
    private readonly Lock _gate = new();
    private IObjectStore _inner = null!;
    private Func<string, bool>? _matches;
    private Func<Exception>? _fault;
    private int _remaining;

    /// <summary>How many faults were thrown.</summary>
    public int Thrown { get; private set; }

    public static (IObjectStore Store, StoreFaults Faults) Wrap(IObjectStore inner)
    {
        var store = Create<IObjectStore, StoreFaults>();
        var faults = (StoreFaults)(object)store;
        faults._inner = inner;
        return (store, faults);
    }

    /// <summary>From now on, the next <paramref name="times"/> reads of a key <paramref name="matches"/> accepts throw <paramref name="fault"/>.</summary>
    public void Arm(Func<string, bool> matches, Func<Exception> fault, int times = int.MaxValue)
    {
        lock (_gate)
        {
            (_matches, _fault, _remaining) = (matches, fault, times);
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (Reads.Contains(targetMethod.Name) && args is [string key, ..])
        {
            lock (_gate)
            {
                if (_remaining > 0 && _matches?.Invoke(key) == true)
                {
                    _remaining--;
                    Thrown++;
                    return typeof(Task).GetMethod(nameof(Task.FromException), 1, [typeof(Exception)])!
                        .MakeGenericMethod(targetMethod.ReturnType.GetGenericArguments()[0])
                        .Invoke(null, [_fault!()]);
                }
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
