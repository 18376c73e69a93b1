namespace Alerts.Core.Classification;

/// <summary>
/// Figures an item quotes: percentages (<c>tariff-rate</c> when a rate word such as "tariff" or "duty" stands within
/// four words, else <c>percentage</c>), amounts of money (<c>amount</c>), dates after "until", "by", "before" or
/// "through" or followed by "deadline" (<c>deadline</c>), dates after "from", "on", "starting" or "effective"
/// (<c>effective-date</c>), and spans such as "90-day" (<c>duration</c>).
/// </summary>
internal sealed class FigureFinder
{
    private const int RateWindow = 4;

    private readonly bool[] _rateWords;
    private readonly HashSet<int> _months;
    private readonly HashSet<int> _deadlineWords;
    private readonly HashSet<int> _effectiveWords;
    private readonly HashSet<int> _deadline;
    private readonly HashSet<int> _units;

    public FigureFinder(PhraseIndex index, IReadOnlyList<string> rateWords)
    {
        var rateTerms = rateWords.Select(index.Add).ToList();
        int[] Words(params string[] words) => words.Select(w => index.Tokeniser.Learn(w)[0]).ToArray();
        _months = [.. Words("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")];
        _deadlineWords = [.. Words("until", "till", "by", "before", "through")];
        _effectiveWords = [.. Words("from", "on", "starting", "effective")];
        _deadline = [.. Words("deadline")];
        _units = [.. Words("day", "week", "month", "year")];
        _rateWords = new bool[index.TermCount + 1];
        foreach (var term in rateTerms)
        {
            _rateWords[term] = true;
        }
    }

    public IReadOnlyList<Figure> Find(string text, List<Token> tokens, List<Hit> hits)
    {
        List<Figure>? figures = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Id)
            {
                case Vocabulary.Percent:
                    var start = i > 0 && IsNumber(text, tokens[i - 1]) && tokens[i - 1].End + 1 == token.Start && text[tokens[i - 1].End] == '-' ? tokens[i - 1].Start : token.Start;
                    Add(ref figures, new Figure(NearRateWord(hits, i) ? "tariff-rate" : "percentage", text[start..token.End]));
                    break;
                case Vocabulary.Money:
                    Add(ref figures, new Figure("amount", text[token.Start..token.End]));
                    break;
                default:
                    if (DateAt(text, tokens, i) is { } date)
                    {
                        Add(ref figures, date);
                    }
                    else if (IsNumber(text, token) && i + 1 < tokens.Count && token.End < text.Length && text[token.End] == '-' && tokens[i + 1].Start == token.End + 1 && _units.Contains(tokens[i + 1].Id))
                    {
                        Add(ref figures, new Figure("duration", text[token.Start..tokens[i + 1].End]));
                    }

                    break;
            }
        }

        return figures ?? (IReadOnlyList<Figure>)[];
    }

    private Figure? DateAt(string text, List<Token> tokens, int i)
    {
        // "until November 10" / "by 1 March": a preposition, then month and day in either order.
        if (i + 2 < tokens.Count && (_deadlineWords.Contains(tokens[i].Id) || _effectiveWords.Contains(tokens[i].Id)) && IsDate(text, tokens[i + 1], tokens[i + 2]))
        {
            var kind = _deadlineWords.Contains(tokens[i].Id) ? "deadline" : "effective-date";
            return new Figure(kind, text[tokens[i].Start..tokens[i + 2].End]);
        }

        // "the August 1 deadline".
        if (i + 2 < tokens.Count && _deadline.Contains(tokens[i + 2].Id) && IsDate(text, tokens[i], tokens[i + 1]) && (i == 0 || !_deadlineWords.Contains(tokens[i - 1].Id)))
        {
            return new Figure("deadline", text[tokens[i].Start..tokens[i + 2].End]);
        }

        return null;
    }

    private bool IsDate(string text, Token first, Token second)
        => (_months.Contains(first.Id) && IsDay(text, second)) || (IsDay(text, first) && _months.Contains(second.Id));

    private static bool IsDay(string text, Token token)
        => IsNumber(text, token) && token.End - token.Start <= 2 && int.Parse(text.AsSpan(token.Start, token.End - token.Start), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 31;

    private static bool IsNumber(string text, Token token)
        => token.Id is not (Vocabulary.Percent or Vocabulary.Money) && char.IsAsciiDigit(text[token.Start]) && !text.AsSpan(token.Start, token.End - token.Start).ContainsAnyExceptInRange('0', '9');

    private bool NearRateWord(List<Hit> hits, int token)
    {
        foreach (var hit in hits)
        {
            if (hit.Term < _rateWords.Length && _rateWords[hit.Term] && hit.First - token <= RateWindow && token - hit.Last <= RateWindow)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(ref List<Figure>? figures, Figure figure)
    {
        figures ??= [];
        if (!figures.Contains(figure))
        {
            figures.Add(figure);
        }
    }
}
