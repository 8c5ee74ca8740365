using System.Globalization;

namespace Linguacodus.Core.Data;

/// <summary>How long a text column's values are: what decides between a bag of words and a sequence model, and how much to truncate.</summary>
/// <param name="MeanChars">Characters per present value, on average.</param>
/// <param name="MeanWords">Words (runs separated by white space) per present value, on average.</param>
/// <param name="MaxChars">The longest value, in characters.</param>
public sealed record TextLength(double MeanChars, double MeanWords, int MaxChars)
{
    /// <summary>How the values' lengths in characters spread; null in profiles stored before.</summary>
    public Histogram? Chars { get; init; }

    /// <summary>"about 420 characters (78 words), longest 3,120".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"about {MeanChars:N0} characters ({MeanWords:N0} words), longest {MaxChars:N0}");

    /// <summary>Words in <paramref name="value"/>, counted as the starts of runs that are not white space.</summary>
    internal static int WordsIn(ReadOnlySpan<char> value)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in value)
        {
            var space = char.IsWhiteSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }
        return words;
    }
}
