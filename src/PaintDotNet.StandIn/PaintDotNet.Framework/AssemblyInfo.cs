// Intentionally no types: see README.md in this folder.
[assembly: System.Reflection.AssemblyDescription("Compile-only stand-in for PaintDotNet.Framework.dll (no type the glue uses lives there)")]
