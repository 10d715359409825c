using MlopsServerless.Core.Training;
using MlopsServerless.MLNet.Learners;

namespace MlopsServerless.MLNet;

/// <summary>The ML.NET family as entries of our trainer catalog.</summary>
public static class MlNetAlgorithms
{
    private static readonly IMlNetLearner[] Learners = [new LightGbmLearner(), new FastTreeLearner(), new LbfgsLearner(), new SdcaLearner()];

    /// <summary>mlnet-lightgbm, mlnet-fasttree, mlnet-lbfgs and mlnet-sdca. None is a default candidate (see the README).</summary>
    public static IReadOnlyList<AlgorithmRegistration> Registrations { get; } =
        Learners.Select(l => new AlgorithmRegistration(l.Name, () => new MlNetTrainer(l), MlNetModel.Read) { DefaultCandidate = false }).ToList();

    /// <summary>Adds the family to <see cref="TrainerCatalog"/>; calling it again changes nothing.</summary>
    public static void Register() => TrainerCatalog.Register(Registrations);
}
