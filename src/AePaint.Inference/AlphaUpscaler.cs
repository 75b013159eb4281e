using AePaint.Imaging;
using AePaint.Imaging.Resize;

namespace AePaint.Inference;

/// <summary>
/// Alpha for super-resolution: the input alpha resampled with the same bicubic as everywhere else
/// (MATLAB imresize weights), one output row at a time so it streams with the tiles.
/// </summary>
internal sealed class AlphaUpscaler
{
    private readonly float[] _alpha;
    private readonly int _w;
    private readonly int _h;
    private readonly ResizeWeights _wx;
    private readonly ResizeWeights _wy;
    private readonly float[] _rowBuf;

    public AlphaUpscaler(Bgra8Image input, int scale)
    {
        _w = input.Width;
        _h = input.Height;
        _alpha = new float[input.PixelCount];
        for (long i = 0; i < _alpha.LongLength; i++)
        {
            _alpha[i] = input.Data[(i * 4) + 3] / 255f;
        }

        _wx = MatlabBicubic.ComputeWeights(_w, _w * scale, scale);
        _wy = MatlabBicubic.ComputeWeights(_h, _h * scale, scale);
        _rowBuf = new float[_w];
    }

    /// <summary>Fills <paramref name="dst"/> with alpha in [0, 1] for output row <paramref name="r"/>.</summary>
    public void Row(int r, float[] dst)
    {
        Array.Clear(_rowBuf);
        for (int t = 0; t < _wy.TapCount; t++)
        {
            float wv = (float)_wy.Weights[(r * _wy.TapCount) + t];
            if (wv == 0f)
            {
                continue;
            }

            int src = _wy.Indices[(r * _wy.TapCount) + t] * _w;
            for (int x = 0; x < _w; x++)
            {
                _rowBuf[x] += wv * _alpha[src + x];
            }
        }

        for (int q = 0; q < dst.Length; q++)
        {
            float v = 0f;
            for (int t = 0; t < _wx.TapCount; t++)
            {
                v += (float)_wx.Weights[(q * _wx.TapCount) + t] * _rowBuf[_wx.Indices[(q * _wx.TapCount) + t]];
            }

            dst[q] = Math.Clamp(v, 0f, 1f);
        }
    }
}
