using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Training;

/// <summary>
/// The algorithms available to training, search and model loading: our own, plus the families a host adds with
/// <see cref="Register"/> at start-up (for example ML.NET's, through <c>AddMlopsMLNet()</c>).
/// </summary>
public static class TrainerCatalog
{
    private static readonly Lock Gate = new();

    private static AlgorithmRegistration[] _registrations =
    [
        Linear.LogisticRegressionTrainer.Registration,
        Linear.RidgeRegressionTrainer.Registration,
        new(GbdtTrainer.Name, () => new GbdtTrainer(), GbdtModel.Read),
    ];

    /// <summary>Every registered algorithm, in registration order.</summary>
    public static IReadOnlyList<AlgorithmRegistration> All => Volatile.Read(ref _registrations);

    /// <summary>
    /// Adds an algorithm family's registrations. Registering the same name again replaces the earlier one (so a host may
    /// call its <c>Add*</c> extension more than once). Thread-safe; readers see the catalog before or after, never half.
    /// </summary>
    public static void Register(params IReadOnlyList<AlgorithmRegistration> registrations)
    {
        lock (Gate)
        {
            var names = registrations.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Volatile.Write(ref _registrations, [.. _registrations.Where(r => !names.Contains(r.Name)), .. registrations]);
        }
    }

    /// <summary>The registration for <paramref name="algorithm"/>.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the algorithm is unknown; the message lists the known ones.</exception>
    public static AlgorithmRegistration Get(string algorithm) =>
        All.FirstOrDefault(r => string.Equals(r.Name, algorithm, StringComparison.OrdinalIgnoreCase))
        ?? throw MlopsException.InvalidArgument(
            $"Unknown algorithm '{algorithm}'. Known: {string.Join(", ", All.Select(r => r.Name))}.");
}
