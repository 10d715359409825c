using Microsoft.Extensions.DependencyInjection;

namespace MlopsServerless.MLNet;

/// <summary>Adds ML.NET's trainers (mlnet-lightgbm, mlnet-fasttree, mlnet-lbfgs, mlnet-sdca) and its model loading.</summary>
public static class MLNetServiceCollectionExtensions
{
    /// <summary>
    /// Registers the ML.NET family in the trainer catalog, so runs, searches, <c>mlops train</c> and the model cache know
    /// its algorithms. The catalog is process-wide (pipeline steps and model loading read it without a container), so
    /// this takes effect when called, and calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddMlopsMLNet(this IServiceCollection services)
    {
        MlNetAlgorithms.Register();
        return services;
    }
}
