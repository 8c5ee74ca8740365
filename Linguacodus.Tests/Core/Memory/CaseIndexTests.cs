using Linguacodus.Core.Memory;

namespace Linguacodus.Tests.Core.Memory;

public sealed class CaseIndexTests
{
    private static List<string> Words(string text) => [.. CaseWords.Words(text)];

    [Fact]
    public void Search_RanksTheCaseSharingRareWordsFirst_AndLeavesOutCasesBelowTheThreshold()
    {
        var index = new CaseIndex();
        var churn = Guid.NewGuid();
        var houses = Guid.NewGuid();
        var sales = Guid.NewGuid();
        index.Add(churn, Words("telecom customer churn binary classification roc auc tenure contract monthly charges"));
        index.Add(houses, Words("house prices regression rmse living area bedrooms neighbourhood"));
        index.Add(sales, Words("weekly store sales forecast rmse date store holiday"));

        var hits = index.Search(Words("bank customer churn roc auc tenure balance"), 3, 0.2);

        Assert.Equal([churn], hits.Select(h => h.Id));
        Assert.InRange(hits[0].Similarity, 0.2, 0.99);
    }

    [Fact]
    public void Search_SameWords_IsOne_AndNoSharedWord_IsNothing()
    {
        var index = new CaseIndex();
        var id = Guid.NewGuid();
        index.Add(id, Words("iris petal sepal species"));
        index.Add(Guid.NewGuid(), Words("wine alcohol acidity"));

        Assert.Equal(1.0, index.Search(Words("iris petal sepal species"), 1, 0)[0].Similarity, 3);
        Assert.Empty(index.Search(Words("stock market volatility"), 3, 0));
        Assert.Empty(index.Search([], 3, 0));
    }

    [Fact]
    public void Remove_AndReplace_AreSeenBySearch()
    {
        var index = new CaseIndex();
        var id = Guid.NewGuid();
        index.Add(id, Words("digits pixels images"));
        index.Remove(id);
        Assert.Empty(index.Search(Words("digits pixels"), 3, 0));
        Assert.Equal(0, index.Count);

        index.Add(id, Words("digits pixels images"));
        index.Add(id, Words("weather temperature"));
        Assert.Empty(index.Search(Words("digits pixels"), 3, 0));
        Assert.Equal([id], index.Search(Words("weather"), 3, 0).Select(h => h.Id));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Search_KeepsTheBestCount_BestFirst()
    {
        var index = new CaseIndex();
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            // Case i shares i+1 of the query's words: the later the case, the closer it reads.
            index.Add(ids[i], [.. Enumerable.Range(0, i + 1).Select(w => $"word{w}"), .. Enumerable.Range(0, 50 - i).Select(w => $"other{i}x{w}")]);
        }

        var hits = index.Search([.. Enumerable.Range(0, 50).Select(w => $"word{w}")], 3, 0);

        Assert.Equal([ids[49], ids[48], ids[47]], hits.Select(h => h.Id));
        Assert.True(hits[0].Similarity > hits[1].Similarity && hits[1].Similarity > hits[2].Similarity);
    }

    [Fact]
    public void Words_SplitsColumnNamesAndDropsStopWordsAndNumbers()
    {
        Assert.Equal(["petal", "length", "petallength"], Words("the petal_length PetalLength 2024"));
        Assert.Equal(["petal", "length"], [.. CaseWords.Of("", "", "", "", "", ["PetalLength"]).Distinct()]);
        Assert.DoesNotContain("the", Words("The data of the task"));
        Assert.Contains("x1", Words("x1 column"));
    }
}
