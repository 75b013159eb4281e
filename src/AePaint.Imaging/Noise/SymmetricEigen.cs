namespace AePaint.Imaging.Noise;

/// <summary>Eigenvalues of a small dense symmetric matrix: Householder tridiagonalisation, then implicit QL.</summary>
public static class SymmetricEigen
{
    /// <summary>
    /// The eigenvalues, ascending, of the symmetric row-major <paramref name="n"/>×<paramref name="n"/>
    /// <paramref name="matrix"/> (both triangles filled; the input is not changed). O(n³): a few
    /// milliseconds for n = 150.
    /// </summary>
    public static double[] Eigenvalues(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (matrix.Length < n * n)
        {
            throw new ArgumentException($"A {n}×{n} matrix needs {n * n} values; got {matrix.Length}.", nameof(matrix));
        }

        var a = matrix[..(n * n)].ToArray();
        if (!Array.TrueForAll(a, double.IsFinite))
        {
            throw new ArgumentException("The matrix holds a NaN or infinity.", nameof(matrix));
        }

        // Work on A / max|aᵢⱼ| so nothing under- or overflows whatever the matrix's scale.
        double max = 0;
        foreach (double v in a)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        var d = new double[n];
        if (max == 0)
        {
            return d;
        }

        for (int i = 0; i < a.Length; i++)
        {
            a[i] /= max;
        }

        var e = new double[n];
        Tridiagonalise(a, n, d, e);
        TridiagonalQl(d, e);
        for (int i = 0; i < n; i++)
        {
            d[i] *= max;
        }

        Array.Sort(d);
        return d;
    }

    // Reduces a (row-major, symmetric) to tridiagonal form by Householder reflections H = I − β v vᵀ:
    // d gets the diagonal, e[k] the entry coupling k and k+1 (e[n−1] = 0).
    private static void Tridiagonalise(double[] a, int n, double[] d, double[] e)
    {
        var v = new double[n];
        var p = new double[n];
        for (int k = 0; k + 2 < n; k++)
        {
            double x0 = a[((k + 1) * n) + k];
            double norm2 = 0;
            for (int i = k + 1; i < n; i++)
            {
                norm2 += a[(i * n) + k] * a[(i * n) + k];
            }

            d[k] = a[(k * n) + k];
            double norm = Math.Sqrt(norm2);

            // A column already zero to well below rounding of the (unit-scaled) matrix needs no reflection:
            // dropping it perturbs the eigenvalues by less than 1e-20.
            if (norm <= 1e-20)
            {
                e[k] = x0;
                continue;
            }

            double alpha = x0 > 0 ? -norm : norm;
            e[k] = alpha;
            double vv = 2 * norm * (norm + Math.Abs(x0)); // ‖x − αe₁‖², without cancellation

            for (int i = k + 1; i < n; i++)
            {
                v[i] = a[(i * n) + k];
            }

            v[k + 1] = x0 - alpha;
            double beta = 2 / vv;

            // p = β A₂₂ v; w = p − (β vᵀp / 2) v; A₂₂ ← A₂₂ − v wᵀ − w vᵀ.
            double vp = 0;
            for (int i = k + 1; i < n; i++)
            {
                double s = 0;
                int row = i * n;
                for (int j = k + 1; j < n; j++)
                {
                    s += a[row + j] * v[j];
                }

                p[i] = beta * s;
                vp += v[i] * p[i];
            }

            double half = beta * vp / 2;
            for (int i = k + 1; i < n; i++)
            {
                p[i] -= half * v[i];
            }

            for (int i = k + 1; i < n; i++)
            {
                int row = i * n;
                double vi = v[i], wi = p[i];
                for (int j = k + 1; j < n; j++)
                {
                    a[row + j] -= (vi * p[j]) + (wi * v[j]);
                }
            }
        }

        if (n >= 2)
        {
            d[n - 2] = a[((n - 2) * n) + n - 2];
            e[n - 2] = a[((n - 1) * n) + n - 2];
        }

        if (n >= 1)
        {
            d[n - 1] = a[((n - 1) * n) + n - 1];
            e[n - 1] = 0;
        }
    }

    // Implicit QL with Wilkinson shifts on the tridiagonal (d, e); d ends holding the eigenvalues.
    // An off-diagonal entry counts as zero below machine epsilon times the largest |dᵢ| + |eᵢ| seen, so
    // (near-)zero eigenvalue clusters deflate too.
    private static void TridiagonalQl(double[] d, double[] e)
    {
        int n = d.Length;
        double scale = 0;
        for (int l = 0; l < n; l++)
        {
            scale = Math.Max(scale, Math.Abs(d[l]) + Math.Abs(e[l]));
            for (int iter = 0; ; iter++)
            {
                int m = l;
                while (m < n - 1 && Math.Abs(e[m]) > 2.3e-16 * scale)
                {
                    m++;
                }

                if (m == l)
                {
                    break;
                }

                if (iter == 100)
                {
                    throw new ArithmeticException("Tridiagonal QL did not converge.");
                }

                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + (e[l] / (g + (g >= 0 ? r : -r)));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                bool deflated = false;
                for (; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }

                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = ((d[i] - g) * s) + (2 * c * b);
                    p = s * r;
                    d[i + 1] = g + p;
                    g = (c * r) - b;
                }

                if (deflated)
                {
                    continue;
                }

                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    private static double Hypot(double x, double y)
    {
        double ax = Math.Abs(x), ay = Math.Abs(y);
        double big = Math.Max(ax, ay), small = Math.Min(ax, ay);
        if (big == 0)
        {
            return 0;
        }

        double q = small / big;
        return big * Math.Sqrt(1 + (q * q));
    }
}
