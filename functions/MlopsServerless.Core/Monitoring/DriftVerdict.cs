namespace MlopsServerless.Core.Monitoring;

/// <summary>The outcome of a drift check for one feature or for the whole data set.</summary>
public enum DriftVerdict
{
    /// <summary>The data looks like the reference.</summary>
    NoDrift,

    /// <summary>A moderate shift (PSI between the warning and drift thresholds), or some features drifted but not enough for the data set.</summary>
    Warning,

    /// <summary>The data has moved.</summary>
    Drifted,

    /// <summary>Too few current rows to judge.</summary>
    NotEnoughData,
}
