#:project ../Linguacodus.TestSupport/Linguacodus.TestSupport.csproj
// Writes the tiny deterministic LLaMA-architecture GGUF model the tests use, and its LoRA adapter beside it:
//   dotnet run scripts/write-test-model.cs -- tiny.gguf     (writes tiny.gguf and tiny.lora.gguf)
// Its output is nonsense; it exists to run the real llama.cpp pipeline (solve --model, bench --model) without weights.
using Linguacodus.TestSupport;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: dotnet run scripts/write-test-model.cs -- FILE.gguf");
    return 2;
}
var adapter = Path.ChangeExtension(args[0], ".lora.gguf");
TinyLlamaModel.Write(args[0]);
TinyLlamaModel.WriteLoraAdapter(adapter);
Console.Error.WriteLine($"wrote {args[0]} and {adapter}");
return 0;
