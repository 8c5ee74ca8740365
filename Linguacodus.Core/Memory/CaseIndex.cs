namespace Linguacodus.Core.Memory;

/// <summary>
/// Full-text ranking of remembered cases: the cosine of TF-IDF vectors (sublinear term counts), kept as an inverted
/// index in memory. Cosine, unlike BM25, gives a score from 0 to 1 that means the same for every query, so one
/// threshold says whether a case is similar at all and the analyst sees how alike two tasks read.
/// Not thread-safe: <see cref="CaseMemory"/> serialises access.
/// </summary>
internal sealed class CaseIndex
{
    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly List<Postings> _postings = [];
    private readonly List<Guid> _ids = [];
    private readonly Dictionary<Guid, int> _docs = [];
    private readonly List<float> _norms = [];
    private readonly HashSet<int> _removed = [];
    // Document norms depend on every term's IDF, so they are recomputed (at the next search) whenever a case is added.
    private int _normsAt = -1;

    public int Count => _ids.Count - _removed.Count;

    /// <summary>Adds a case's words, replacing what the case had before.</summary>
    public void Add(Guid id, IEnumerable<string> words)
    {
        Remove(id);
        var doc = _ids.Count;
        _ids.Add(id);
        _docs[id] = doc;
        foreach (var (term, count) in Counts(words))
        {
            if (!_terms.TryGetValue(term, out var t))
            {
                t = _postings.Count;
                _terms[term] = t;
                _postings.Add(new Postings());
            }
            _postings[t].Add(doc, count);
        }
    }

    public void Remove(Guid id)
    {
        if (_docs.Remove(id, out var doc))
        {
            _removed.Add(doc);
        }
    }

    /// <summary>The <paramref name="count"/> cases most like <paramref name="words"/> with a cosine of at least <paramref name="minimum"/>, best first.</summary>
    public IReadOnlyList<(Guid Id, double Similarity)> Search(IEnumerable<string> words, int count, double minimum)
    {
        // A word no case has still belongs to the query: it makes every case less alike (weighed as the rarest word).
        var all = Counts(words)
            .Select(q => _terms.TryGetValue(q.Term, out var t)
                ? (Term: t, Weight: Weight(q.Count) * Idf(t))
                : (Term: -1, Weight: Weight(q.Count) * Math.Log(1 + _ids.Count)))
            .ToList();
        var queryNorm = Math.Sqrt(all.Sum(q => q.Weight * q.Weight));
        var query = all.Where(q => q.Term >= 0).ToList();
        if (queryNorm == 0 || query.Count == 0)
        {
            return [];
        }
        if (_normsAt != _ids.Count)
        {
            ComputeNorms();
        }
        var scores = new float[_ids.Count];
        // In a large memory a word that most cases have adds little to any cosine and most of the work: it still
        // counts in the norms, but not in the sums.
        var common = _ids.Count >= 1_000 ? _ids.Count / 2 : int.MaxValue;
        foreach (var (term, weight) in query.Where(q => _postings[q.Term].Length <= common))
        {
            var postings = _postings[term];
            var idf = Idf(term);
            for (var i = 0; i < postings.Length; i++)
            {
                scores[postings.Docs[i]] += (float)(weight * Weight(postings.Counts[i]) * idf);
            }
        }
        var found = new PriorityQueue<int, float>();
        for (var doc = 0; doc < scores.Length; doc++)
        {
            if (scores[doc] <= 0 || _removed.Contains(doc) || _norms[doc] == 0)
            {
                continue;
            }
            var similarity = scores[doc] / (float)(_norms[doc] * queryNorm);
            if (similarity >= minimum)
            {
                found.Enqueue(doc, similarity);
                if (found.Count > count)
                {
                    found.Dequeue();
                }
            }
        }
        var best = new List<(Guid, double)>();
        while (found.TryDequeue(out var doc, out var similarity))
        {
            best.Add((_ids[doc], Math.Min(1, similarity)));
        }
        best.Reverse();
        return best;
    }

    private static double Weight(int count) => 1 + Math.Log(count);

    /// <summary>A term in every case tells cases apart no better than one in none: smoothed so it weighs little, never nothing.</summary>
    private double Idf(int term) => Math.Log(1 + (double)_ids.Count / _postings[term].Length);

    private static IEnumerable<(string Term, int Count)> Counts(IEnumerable<string> words) =>
        words.GroupBy(w => w, StringComparer.Ordinal).Select(g => (g.Key, Math.Min(g.Count(), byte.MaxValue)));

    private void ComputeNorms()
    {
        var squares = new double[_ids.Count];
        for (var t = 0; t < _postings.Count; t++)
        {
            var postings = _postings[t];
            var idf = Idf(t);
            for (var i = 0; i < postings.Length; i++)
            {
                var w = Weight(postings.Counts[i]) * idf;
                squares[postings.Docs[i]] += w * w;
            }
        }
        _norms.Clear();
        _norms.AddRange(squares.Select(square => (float)Math.Sqrt(square)));
        _normsAt = _ids.Count;
    }

    /// <summary>The cases a term occurs in, with how often (capped at 255), in two growing arrays: 5 bytes a posting.</summary>
    private sealed class Postings
    {
        public int[] Docs = new int[2];
        public byte[] Counts = new byte[2];
        public int Length;

        public void Add(int doc, int count)
        {
            if (Length == Docs.Length)
            {
                Array.Resize(ref Docs, Length * 2);
                Array.Resize(ref Counts, Length * 2);
            }
            Docs[Length] = doc;
            Counts[Length] = (byte)count;
            Length++;
        }
    }
}
