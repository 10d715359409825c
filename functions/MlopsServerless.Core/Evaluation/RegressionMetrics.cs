using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Evaluation;

/// <summary>Regression metrics on plain arrays, defined as scikit-learn 1.2 defines them. Every function fails with
/// InvalidArgument on empty or mismatched input rather than return NaN.</summary>
public static class RegressionMetrics
{
    /// <summary>Root mean squared error.</summary>
    public static double Rmse(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var d = actual[i] - predicted[i];
            sum += d * d;
        }

        return Math.Sqrt(sum / actual.Length);
    }

    /// <summary>Mean absolute error.</summary>
    public static double Mae(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]);
        }

        return sum / actual.Length;
    }

    /// <summary>
    /// The coefficient of determination, <c>1 - SS_res / SS_tot</c>. When the actual values are all equal (SS_tot = 0)
    /// it is 1 for a perfect prediction and 0 otherwise, as scikit-learn's r2_score (force_finite) defines it.
    /// </summary>
    public static double R2(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        double mean = 0;
        foreach (var y in actual)
        {
            mean += y;
        }

        mean /= actual.Length;
        double residual = 0, total = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        if (total == 0)
        {
            return residual == 0 ? 1 : 0;
        }

        return 1 - (residual / total);
    }

    /// <summary>
    /// Mean absolute percentage error as a fraction (0.1 is 10%), as scikit-learn's
    /// mean_absolute_percentage_error: <c>mean |y - p| / max(|y|, eps)</c> with eps = 2.22e-16, so an actual 0 gives a
    /// huge but finite term.
    /// </summary>
    public static double Mape(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        Check(actual, predicted);
        const double eps = 2.220446049250313e-16;
        double sum = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(actual[i] - predicted[i]) / Math.Max(Math.Abs(actual[i]), eps);
        }

        return sum / actual.Length;
    }

    private static void Check(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.Length == 0)
        {
            throw MlopsException.InvalidArgument("No rows to score: a metric needs at least one labelled row.");
        }

        if (actual.Length != predicted.Length)
        {
            throw MlopsException.InvalidArgument($"{actual.Length} labels but {predicted.Length} predictions; they must match one to one.");
        }
    }
}
