using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AePaint.Trainer.Training;

/// <summary>
/// AdamW (decoupled weight decay, bias-corrected moments, no AMSGrad): torch.optim.AdamW's maths in TorchSharp 0.107's
/// order of operations, so it steps bit for bit as <c>optim.AdamW</c> did. It replaces TorchSharp's because that
/// one's step hands libtorch numbers as Scalars nothing keeps alive (see <see cref="TensorMath"/>): a garbage
/// collection during the call can free one while libtorch reads it. Every number here goes through TensorMath.
/// <see cref="Save"/>/<see cref="Load"/> read and write TorchSharp's <c>save_state_dict</c> layout byte for byte, so
/// checkpoints written before and after the switch load into either.
/// </summary>
internal sealed class AdamW : IDisposable
{
    // TorchSharp writes the optimizer's type name first and refuses another one on load.
    private const string StateName = "AdamW";

    private readonly Parameter[] parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly long[] steps;
    private double initialLearningRate;

    public AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
    {
        if (lr < 0 || eps < 0 || beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1 || weightDecay < 0)
        {
            throw new ArgumentException($"AdamW: invalid lr {lr}, betas ({beta1}, {beta2}), eps {eps} or weight decay {weightDecay}");
        }

        this.parameters = parameters.ToArray();
        LearningRate = initialLearningRate = lr;
        Beta1 = beta1;
        Beta2 = beta2;
        Eps = eps;
        WeightDecay = weightDecay;
        // Detached: created inside a caller's dispose scope they would die with it.
        expAvg = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        expAvgSq = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        steps = new long[this.parameters.Length];
    }

    /// <summary>The learning rate of the next step (the schedule sets it before each).</summary>
    public double LearningRate { get; set; }

    public double Beta1 { get; private set; }

    public double Beta2 { get; private set; }

    public double Eps { get; private set; }

    public double WeightDecay { get; private set; }

    /// <summary>Steps taken by the first parameter (all of them, unless one had no gradient).</summary>
    public long Steps => steps.Length > 0 ? steps[0] : 0;

    /// <summary>Zeroes every gradient in place (as TorchSharp's zero_grad: the gradient tensors stay).</summary>
    public void ZeroGrad()
    {
        foreach (var p in parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        double lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            var param = parameters[i];
            var grad = param.grad;
            if (grad is null)
            {
                continue;
            }

            long step = ++steps[i];
            if (WeightDecay != 0)
            {
                param.Times_(1 - (lr * WeightDecay));
            }

            double biasCorrection1 = 1 - Math.Pow(Beta1, step);
            double biasCorrection2 = 1 - Math.Pow(Beta2, step);
            expAvg[i].Times_(Beta1).AddScaled_(grad, 1 - Beta1);
            expAvgSq[i].Times_(Beta2).AddProduct_(grad, grad, 1 - Beta2);
            var denom = expAvgSq[i].sqrt().Over(Math.Sqrt(biasCorrection2)).Plus_(Eps);
            param.AddQuotient_(expAvg[i], denom, -lr / biasCorrection1);
        }
    }

    /// <summary>Writes the state as TorchSharp 0.107's <c>AdamW.save_state_dict</c> does (one parameter group).</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(StateName);
        writer.Write7BitEncodedInt64(1); // parameter groups (LEB128, as TorchSharp)
        writer.Write7BitEncodedInt64(parameters.Length);
        writer.Write(initialLearningRate);
        writer.Write(LearningRate);
        writer.Write(Beta1);
        writer.Write(Beta2);
        writer.Write(Eps);
        writer.Write(WeightDecay);
        writer.Write(false); // amsgrad
        writer.Write(false); // maximize
        for (int i = 0; i < parameters.Length; i++)
        {
            writer.Write(steps[i]);
            SaveContiguous(expAvg[i], writer);
            SaveContiguous(expAvgSq[i], writer);
            writer.Write(false); // no max_exp_avg_sq
        }
    }

    /// <summary>
    /// Reads what <see cref="Save"/> or TorchSharp's <c>AdamW.save_state_dict</c> wrote. As TorchSharp did, the
    /// file's hyper-parameters replace the constructor's (the learning rate is set again before every step).
    /// </summary>
    public void Load(BinaryReader reader)
    {
        var name = reader.ReadString();
        if (name != StateName)
        {
            throw new InvalidDataException($"optimizer state of '{name}', expected '{StateName}'");
        }

        long groups = reader.Read7BitEncodedInt64(), states = reader.Read7BitEncodedInt64();
        if (groups != 1 || states != parameters.Length)
        {
            throw new InvalidDataException($"optimizer state for {groups} parameter groups and {states} parameters, expected 1 and {parameters.Length}");
        }

        initialLearningRate = reader.ReadDouble();
        LearningRate = reader.ReadDouble();
        Beta1 = reader.ReadDouble();
        Beta2 = reader.ReadDouble();
        Eps = reader.ReadDouble();
        WeightDecay = reader.ReadDouble();
        if (reader.ReadBoolean() || reader.ReadBoolean())
        {
            throw new InvalidDataException("optimizer state with AMSGrad or maximize, which this AdamW does not do");
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            steps[i] = reader.ReadInt64();
            LoadContiguous(expAvg[i], reader);
            LoadContiguous(expAvgSq[i], reader);
            if (reader.ReadBoolean())
            {
                throw new InvalidDataException("optimizer state with AMSGrad moments, which this AdamW does not keep");
            }
        }
    }

    // The moments take their parameter's layout (channels-last in such a run); TorchSharp's tensor format is the
    // contiguous (NCHW) order and its reader and writer refuse other strides, so a moment passes through a contiguous copy.
    private static void SaveContiguous(Tensor moment, BinaryWriter writer)
    {
        using var nchw = moment.contiguous();
        nchw.Save(writer);
    }

    private static void LoadContiguous(Tensor moment, BinaryReader reader)
    {
        using var nchw = empty(moment.shape, moment.dtype);
        TensorExtensionMethods.Load(nchw, reader);
        using var noGrad = no_grad();
        moment.copy_(nchw);
    }

    public void Dispose()
    {
        foreach (var t in expAvg.Concat(expAvgSq))
        {
            t.Dispose();
        }
    }
}
