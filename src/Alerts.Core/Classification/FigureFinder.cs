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
    private readonly WordKind[] _kinds;

    public FigureFinder(PhraseIndex index, IReadOnlyList<string> rateWords)
    {
        var rateTerms = rateWords.Select(index.Add).ToList();
        var kinds = new List<(string[] Words, WordKind Kind)>
        {
            (["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"], WordKind.Month),
            (["until", "till", "by", "before", "through"], WordKind.DeadlineWord),
            (["from", "on", "starting", "effective"], WordKind.EffectiveWord),
            (["deadline"], WordKind.Deadline),
            (["day", "week", "month", "year"], WordKind.Unit),
        }.SelectMany(k => k.Words.Select(w => (Id: index.Tokeniser.Learn(w)[0], k.Kind))).ToList();
        _kinds = new WordKind[index.Tokeniser.VocabularySize];
        foreach (var (id, kind) in kinds)
        {
            _kinds[id] = kind;
        }

        _rateWords = new bool[index.TermCount + 1];
        foreach (var term in rateTerms)
        {
            _rateWords[term] = true;
        }
    }

    private enum WordKind : byte
    {
        None,
        Month,
        DeadlineWord,
        EffectiveWord,
        Deadline,
        Unit,
    }

    private WordKind KindOf(Token token) => token.Id >= 0 && token.Id < _kinds.Length ? _kinds[token.Id] : WordKind.None;

    public IReadOnlyList<Figure> Find(ItemText text, List<Token> tokens, List<Hit> hits)
    {
        List<Figure>? figures = null;
        var next = 0;
        for (var number = 0; number < tokens.Count; number++)
        {
            // Every figure has a number among its first three tokens, so only a number and the two tokens before it
            // can start one; most tokens are neither.
            var id = tokens[number].Id;
            if (id == Vocabulary.Unknown || (id > Vocabulary.Number && !char.IsAsciiDigit(text[tokens[number].Start])))
            {
                continue;
            }

            for (var i = Math.Max(next, number - 2); i <= number; i++)
            {
                FigureAt(text, tokens, hits, i, ref figures);
            }

            next = number + 1;
        }

        return figures ?? (IReadOnlyList<Figure>)[];
    }

    private void FigureAt(ItemText text, List<Token> tokens, List<Hit> hits, int i, ref List<Figure>? figures)
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
                else if (IsNumber(text, token) && i + 1 < tokens.Count && token.End < text.Length && text[token.End] == '-' && tokens[i + 1].Start == token.End + 1 && KindOf(tokens[i + 1]) == WordKind.Unit)
                {
                    Add(ref figures, new Figure("duration", text[token.Start..tokens[i + 1].End]));
                }

                break;
        }
    }

    private Figure? DateAt(ItemText text, List<Token> tokens, int i)
    {
        // "until November 10" / "by 1 March": a preposition, then month and day in either order.
        if (i + 2 < tokens.Count && KindOf(tokens[i]) is WordKind.DeadlineWord or WordKind.EffectiveWord && IsDate(text, tokens[i + 1], tokens[i + 2]))
        {
            var kind = KindOf(tokens[i]) == WordKind.DeadlineWord ? "deadline" : "effective-date";
            return new Figure(kind, text[tokens[i].Start..tokens[i + 2].End]);
        }

        // "the August 1 deadline".
        if (i + 2 < tokens.Count && KindOf(tokens[i + 2]) == WordKind.Deadline && IsDate(text, tokens[i], tokens[i + 1]) && (i == 0 || KindOf(tokens[i - 1]) != WordKind.DeadlineWord))
        {
            return new Figure("deadline", text[tokens[i].Start..tokens[i + 2].End]);
        }

        return null;
    }

    private bool IsDate(ItemText text, Token first, Token second)
        => (KindOf(first) == WordKind.Month && IsDay(text, second)) || (IsDay(text, first) && KindOf(second) == WordKind.Month);

    private static bool IsDay(ItemText text, Token token)
        => IsNumber(text, token) && token.End - token.Start <= 2 && int.Parse(text.Span(token.Start, token.End - token.Start), System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 31;

    private static bool IsNumber(ItemText text, Token token)
        => token.Id is not (Vocabulary.Percent or Vocabulary.Money) && char.IsAsciiDigit(text[token.Start]) && !text.Span(token.Start, token.End - token.Start).ContainsAnyExceptInRange('0', '9');

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
