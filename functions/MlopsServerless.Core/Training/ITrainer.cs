namespace MlopsServerless.Core.Training;

/// <summary>Fits one algorithm. Same request (data, parameters, seed) gives a byte-identical model file.</summary>
public interface ITrainer
{
    /// <summary>The algorithm's name as users type it (for example "logreg", "gbdt").</summary>
    string Algorithm { get; }

    /// <summary>True when this trainer can fit <paramref name="task"/>.</summary>
    bool Supports(ModelTask task);

    /// <summary>Fits a model.</summary>
    /// <exception cref="Errors.MlopsException">InvalidArgument for unknown or out-of-range parameters.</exception>
    TrainedModel Train(TrainingRequest request, CancellationToken cancellationToken);
}
