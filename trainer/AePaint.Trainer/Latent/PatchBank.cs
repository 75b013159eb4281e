using AePaint.ImageFiles;
using AePaint.Imaging;
using AePaint.Inference.Embedding;
using AePaint.Trainer.Data;
using AePaint.Trainer.Training;

namespace AePaint.Trainer.Latent;

/// <summary>
/// Training patches for the embedder and the VAE: a fixed number of random P×P patches cut once from each photo (at
/// the photo's own pixel scale, as <see cref="ImageEmbedding"/> reads them) and kept as planar RGB bytes, each with the
/// source folder it came from (the scatter plot's colour). Memory is photos × patches × 3P² bytes, whatever the photo
/// sizes. Source folder: the --data folder itself when several are given, else the photo's first subfolder under it.
/// </summary>
internal sealed class PatchBank
{
    private readonly List<byte[]> _patches = [];
    private readonly List<int> _labels = [];

    public PatchBank(IReadOnlyList<string> folders, int patch, int patchesPerPhoto, int maxPhotos, int seed, TextWriter? log)
    {
        Patch = patch;
        var photos = new List<(string Path, string Label)>();
        foreach (var folder in folders.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(folder))
            {
                throw new TrainerException($"{folder}: photo folder not found");
            }

            foreach (var p in PhotoFolderScan.FindPhotos(folder))
            {
                var rel = PhotoFolderScan.Relative(folder, p);
                var label = folders.Count > 1 || !rel.Contains('/', StringComparison.Ordinal) ? Path.GetFileName(folder) : rel[..rel.IndexOf('/', StringComparison.Ordinal)];
                photos.Add((p, label));
            }
        }

        var chosen = DomainMeasurement.Subsample(photos.Select(p => p.Path).ToArray(), maxPhotos).ToHashSet();
        var labelOf = photos.ToDictionary(p => p.Path, p => p.Label);
        int index = 0, skipped = 0;
        foreach (var path in photos.Select(p => p.Path).Where(chosen.Contains))
        {
            Bgra8Image image;
            try
            {
                image = ImageFile.Load(path);
            }
            catch (ImageFileException e)
            {
                log?.WriteLine("skipped " + e.Message);
                skipped++;
                continue;
            }

            if (image.Width < patch || image.Height < patch)
            {
                skipped++;
                continue;
            }

            var label = Labels.IndexOf(labelOf[path]);
            if (label < 0)
            {
                Labels.Add(labelOf[path]);
                label = Labels.Count - 1;
            }

            var rng = SeededRandom.For(seed, index++);
            var window = new PlanarImage(3, patch, patch);
            for (int k = 0; k < patchesPerPhoto; k++)
            {
                PixelConversion.ReadWindow(image, rng.Next(image.Width - patch + 1), rng.Next(image.Height - patch + 1), window);
                _patches.Add(window.Data.Select(PixelConversion.ToByte).ToArray());
                _labels.Add(label);
            }
        }

        if (_patches.Count == 0)
        {
            throw new TrainerException($"no usable photos (at least {patch}×{patch}) in {string.Join(", ", folders)}");
        }

        PhotoCount = index;
        log?.WriteLine($"patches: {_patches.Count} of {patch}×{patch} from {index} photos ({skipped} skipped) in {Labels.Count} source folder(s): {string.Join(", ", Labels)}");
    }

    public int Patch { get; }

    public int Count => _patches.Count;

    public int PhotoCount { get; }

    /// <summary>Source folder names, in order of first appearance; <see cref="LabelOf"/> indexes them.</summary>
    public List<string> Labels { get; } = [];

    public int LabelOf(int patch) => _labels[patch];

    /// <summary>Patches [start, start + count) as floats in [0, 1], N×3×P×P.</summary>
    public float[] Slice(int start, int count)
    {
        int size = 3 * Patch * Patch;
        var data = new float[count * size];
        for (int i = 0; i < count; i++)
        {
            var p = _patches[start + i];
            for (int j = 0; j < size; j++)
            {
                data[(i * size) + j] = p[j] / 255f;
            }
        }

        return data;
    }

    /// <summary>A random batch (with random horizontal flips), N×3×P×P floats in [0, 1].</summary>
    public float[] Batch(Random rng, int count)
    {
        int size = 3 * Patch * Patch, p = Patch;
        var data = new float[count * size];
        for (int i = 0; i < count; i++)
        {
            var src = _patches[rng.Next(_patches.Count)];
            bool flip = rng.Next(2) == 1;
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < p; y++)
                {
                    for (int x = 0; x < p; x++)
                    {
                        data[(i * size) + (c * p * p) + (y * p) + x] = src[(c * p * p) + (y * p) + (flip ? p - 1 - x : x)] / 255f;
                    }
                }
            }
        }

        return data;
    }
}
