namespace Linguacodus.Inference.LlamaSharp;

public enum LlamaModelState
{
    NotLoaded,
    Loading,
    Ready,
    Failed,
}
