// Placeholder entry point: proves TorchSharp loads and trains. The real trainer CLI replaces this file.
using AePaint.Trainer;
using TorchSharp;

var info = TorchRuntime.Initialize();
Console.WriteLine($"torch {torch.__version__} | {info}");

using (torch.NewDisposeScope())
{
    torch.manual_seed(0);
    using var conv = torch.nn.Conv2d(3, 8, 3, padding: 1);
    var x = torch.randn(2, 3, 32, 32);
    var loss = conv.forward(x).square().mean();
    loss.backward();
    Console.WriteLine($"conv forward/backward: loss {loss.item<float>():F5}, |grad w| {conv.weight!.grad!.norm().item<float>():F5}");
}
