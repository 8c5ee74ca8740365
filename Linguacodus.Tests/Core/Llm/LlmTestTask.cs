using Linguacodus.Core.Data;
using Linguacodus.Core.Engine;
using Linguacodus.Core.Engine.Llm;
using Linguacodus.Core.Tasks;
using Linguacodus.Tests.Infrastructure;
using Microsoft.Extensions.AI;

namespace Linguacodus.Tests.Core.Llm;

/// <summary>The task the engine tests run on (breast-cancer), its profile, and roles over a test's client.</summary>
internal static class LlmTestTask
{
    public static TaskFolder Folder { get; } = TaskFolder.Load(Repository.Example("breast-cancer"));

    public static DataProfile Profile { get; } = DataProfiler.Profile(Folder);

    public static IReadOnlyList<string> Candidates { get; } =
    [
        "Data Preprocessing:\n- Impute gaps\nModel Architecture:\n- Logistic regression\nModel Training:\n- 5-fold CV",
        "Data Preprocessing:\n- One-hot clinic\nModel Architecture:\n- Gradient boosting\nModel Training:\n- Early stopping",
        "Data Preprocessing:\n- Drop gaps\nModel Architecture:\n- k-NN\nModel Training:\n- Fit once",
    ];

    public static LlmRole Local(IChatClient chat) => new("local", chat, new ChatOptions { MaxOutputTokens = 256 }, "llama.grammar");

    public static LlmRole Remote(IChatClient chat) => new("remote", chat, new ChatOptions { MaxOutputTokens = 256 });

    public static CodeRequest Request(IReadOnlyDictionary<CodeStage, string>? earlier = null) =>
        new(Folder, Profile, Candidates[1], earlier ?? new Dictionary<CodeStage, string>());

    /// <summary>A token that ends a hung test after a minute instead of hanging the suite.</summary>
    public static CancellationToken Guard() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    /// <summary>The text of the last user message of a call (the engine sends one).</summary>
    public static string LastPrompt(IReadOnlyList<ChatMessage> messages) => messages.Last(m => m.Role == ChatRole.User).Text;

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}
