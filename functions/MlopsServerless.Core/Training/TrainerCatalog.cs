using MlopsServerless.Core.Errors;
using MlopsServerless.Core.Training.Gbdt;

namespace MlopsServerless.Core.Training;

/// <summary>The algorithms available to training, search and model loading.</summary>
public static class TrainerCatalog
{
    private static readonly AlgorithmRegistration[] Registrations =
    [
        Linear.LogisticRegressionTrainer.Registration,
        Linear.RidgeRegressionTrainer.Registration,
        new(GbdtTrainer.Name, () => new GbdtTrainer(), GbdtModel.Read),
    ];

    /// <summary>Every registered algorithm.</summary>
    public static IReadOnlyList<AlgorithmRegistration> All => Registrations;

    /// <summary>The registration for <paramref name="algorithm"/>.</summary>
    /// <exception cref="MlopsException">InvalidArgument when the algorithm is unknown; the message lists the known ones.</exception>
    public static AlgorithmRegistration Get(string algorithm) =>
        Registrations.FirstOrDefault(r => string.Equals(r.Name, algorithm, StringComparison.OrdinalIgnoreCase))
        ?? throw MlopsException.InvalidArgument(
            $"Unknown algorithm '{algorithm}'. Known: {string.Join(", ", Registrations.Select(r => r.Name))}.");
}
