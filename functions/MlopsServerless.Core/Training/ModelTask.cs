namespace MlopsServerless.Core.Training;

/// <summary>What a model predicts.</summary>
public enum ModelTask
{
    /// <summary>One of two classes, with a probability.</summary>
    BinaryClassification,
    /// <summary>One of three or more classes, with a probability per class.</summary>
    MulticlassClassification,
    /// <summary>A number.</summary>
    Regression,
}
