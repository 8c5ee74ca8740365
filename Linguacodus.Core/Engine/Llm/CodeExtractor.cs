using System.Text;
using System.Text.RegularExpressions;

namespace Linguacodus.Core.Engine.Llm;

/// <summary>
/// Takes the Python code out of a model's answer while it streams: the lines inside fenced blocks (<c>```python</c>,
/// <c>```py</c>, an untagged <c>```</c> or <c>~~~</c>), several blocks joined, an unclosed last block kept. Blocks in
/// other languages (shell, output, JSON) and the prose around blocks are dropped. An answer with no fence at all is
/// taken whole, as some models answer with bare code. Code is released line by line as soon as a line is complete.
/// </summary>
internal sealed partial class CodeExtractor
{
    private static readonly HashSet<string> PythonTags = new(["", "python", "py", "python3", "ipython", "ipython3"], StringComparer.OrdinalIgnoreCase);

    private readonly StringBuilder _line = new();
    private readonly StringBuilder _unfenced = new();
    private string? _fence;
    private bool _keep;
    private bool _sawFence;

    /// <summary>The code of a whole answer.</summary>
    public static string Extract(string answer)
    {
        var extractor = new CodeExtractor();
        return string.Concat(extractor.Add(answer).Concat(extractor.Finish()));
    }

    /// <summary>Takes the next piece of the answer; returns the code lines it completes, each ending in a newline.</summary>
    public IReadOnlyList<string> Add(string delta)
    {
        var code = new List<string>();
        foreach (var c in delta)
        {
            if (c == '\n')
            {
                if (Line(_line.ToString()) is { } line)
                {
                    code.Add(line + "\n");
                }
                _line.Clear();
            }
            else if (c != '\r')
            {
                _line.Append(c);
            }
        }
        return code;
    }

    /// <summary>Ends the answer: the code of its last, unfinished line, or the whole answer when it had no fence.</summary>
    public IReadOnlyList<string> Finish()
    {
        var last = _line.Length > 0 ? Line(_line.ToString()) : null;
        _line.Clear();
        if (!_sawFence)
        {
            var whole = _unfenced.ToString().Trim('\n');
            return whole.Length == 0 ? [] : [whole + "\n"];
        }
        return last is null ? [] : [last + "\n"];
    }

    /// <summary>Reads one complete line; returns it when it is code to keep.</summary>
    private string? Line(string line)
    {
        if (_fence is null)
        {
            var opening = Opening().Match(line);
            if (!opening.Success)
            {
                if (!_sawFence)
                {
                    _unfenced.Append(line).Append('\n');
                }
                return null;
            }
            _sawFence = true;
            _fence = opening.Groups["fence"].Value;
            _keep = PythonTags.Contains(opening.Groups["tag"].Value);
            return null;
        }
        var trimmed = line.TrimEnd();
        if (trimmed.TrimStart().StartsWith(_fence, StringComparison.Ordinal))
        {
            _fence = null;
            return null;
        }
        if (trimmed.EndsWith(_fence, StringComparison.Ordinal))
        {
            // Code and the closing fence on one line: "print(x)```".
            _fence = null;
            return _keep ? trimmed[..^3] : null;
        }
        return _keep ? line : null;
    }

    /// <summary>An opening fence, alone or at the end of a line of prose ("Here is the code: ```python").</summary>
    [GeneratedRegex(@"(?<fence>```|~~~)\s*(?<tag>[A-Za-z0-9_+.-]*)\s*$")]
    private static partial Regex Opening();
}
