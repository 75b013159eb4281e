#:project ../../../src/AePaint.OnnxFormat/AePaint.OnnxFormat.csproj
#:project ../../../src/AePaint.Inference/AePaint.Inference.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=disable
#:property PublishAot=false
// Saves the graph ONNX Runtime runs (SessionOptions.OptimizedModelFilePath, all optimisations, NCHWc included) and
// lists its nodes with their domain: com.microsoft.nchwc = blocked layout. dotnet run OptimizedGraph.cs -- in.onnx out.onnx
using Microsoft.ML.OnnxRuntime;
using AePaint.OnnxFormat;
using var o = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = args[1] };
using (var s = new InferenceSession(args[0], o)) { }
var m = OnnxModelFile.Read(args[1]);
foreach (var n in m.Graph.Node)
{
  var attrs = string.Join(",", n.Attribute.Where(a => a.Name is "activation" or "group" or "kernel_shape").Select(a => a.Name + "=" + (a.Type == Onnx.AttributeProto.Types.AttributeType.String ? a.S.ToStringUtf8() : a.Type == Onnx.AttributeProto.Types.AttributeType.Int ? a.I.ToString() : string.Join("x", a.Ints))));
  Console.WriteLine($"{(n.Domain == "" ? "ai.onnx" : n.Domain),-22} {n.OpType,-14} {n.Name,-28} in={string.Join(" ", n.Input.Take(1))} {attrs}");
}
