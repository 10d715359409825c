namespace MlopsServerless.Bench.MlNet;

/// <summary>What a binary classifier's prediction engine returns.</summary>
public sealed class SynthScore
{
    public float Probability { get; set; }

    public bool PredictedLabel { get; set; }
}
