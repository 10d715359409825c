using MlopsServerless.Core.Errors;

namespace MlopsServerless.Core.Training.Optimization;

/// <summary>Solves symmetric positive definite systems by Cholesky factorization.</summary>
public static class Cholesky
{
    /// <summary>Solves <c>A x = b</c> for a symmetric positive definite <paramref name="a"/> (row-major n x n, only the
    /// lower triangle is read). Neither input is modified.</summary>
    /// <exception cref="MlopsException">FailedPrecondition when <paramref name="a"/> is not positive definite.</exception>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (sum <= 0 || double.IsNaN(sum))
                    {
                        throw MlopsException.FailedPrecondition(
                            "The normal equations are singular (collinear or constant features); use a positive alpha.");
                    }

                    l[(i * n) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * n) + j] = sum / l[(j * n) + j];
                }
            }
        }

        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * n) + k] * z[k];
            }

            z[i] = sum / l[(i * n) + i];
        }

        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = z[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[(k * n) + i] * x[k];
            }

            x[i] = sum / l[(i * n) + i];
        }

        return x;
    }
}
