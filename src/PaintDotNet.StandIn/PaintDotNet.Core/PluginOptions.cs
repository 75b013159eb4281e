namespace PaintDotNet.AppModel;

/// <summary>Freezing (IsFrozen, OnFrozen, VerifyNotFrozen) is not modelled.</summary>
public abstract record PluginOptions;
