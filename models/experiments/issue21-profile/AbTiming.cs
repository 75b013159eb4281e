#:project ../../../src/AePaint.Inference/AePaint.Inference.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=disable
#:property PublishAot=false
#:property JsonSerializerIsReflectionEnabledByDefault=true
// Interleaved A/B timing (A, B, A, B …) of models on one random window in one process, with the load average, and
// each model's largest difference from the first. dotnet run AbTiming.cs -- <side> <rounds> a.onnx b.onnx …
using System.Diagnostics;
using AePaint.Imaging;
using AePaint.Inference;

int side = int.Parse(args[0]); int rounds = int.Parse(args[1]);
var paths = args.Skip(2).ToArray();
var sessions = paths.Select(p => ModelSession.Open(p, ExecutionDevice.Cpu)).ToArray();
var card = sessions[0].Card;
var rng = new Random(1);
var win = new PlanarImage(card.GraphInputChannels, side, side);
for (int i = 0; i < win.Data.Length; i++) win.Data[i] = (float)rng.NextDouble();
if (card.NoiseMap is { } nm) win.Plane(card.InputChannels).Fill(25f / nm.Divisor);
var refOut = sessions[0].Run(win);
var outs = sessions.Select(s => s.Run(win)).ToArray();
for (int k = 1; k < sessions.Length; k++) { double mx = 0; for (int i = 0; i < refOut.Data.Length; i++) mx = Math.Max(mx, Math.Abs(refOut.Data[i] - outs[k].Data[i])); Console.WriteLine($"{Path.GetFileName(paths[k])}: max |diff| vs {Path.GetFileName(paths[0])} = {mx:E2}"); }
var times = paths.Select(_ => new List<double>()).ToArray();
for (int r = 0; r < rounds; r++)
  for (int k = 0; k < sessions.Length; k++) { var sw = Stopwatch.StartNew(); sessions[k].Run(win, outs[k]); times[k].Add(sw.Elapsed.TotalMilliseconds); }
string load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
for (int k = 0; k < sessions.Length; k++) { var t = times[k].Order().ToList(); Console.WriteLine($"{Path.GetFileName(paths[k]),-28} median {t[t.Count/2],8:F1} ms  min {t[0],8:F1} ms  (interleaved, {rounds} rounds, {side}², load avg {load})"); }
