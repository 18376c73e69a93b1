using System.Buffers;
using System.Globalization;

namespace Alerts.Core.Feeds.Parsing;

/// <summary>
/// Lenient feed dates, returned in UTC: ISO 8601 / RFC 3339, and RFC 822 as written in the wild (day names or not,
/// two-digit years, full or abbreviated months, missing seconds, AM/PM, numeric offsets with or without colon,
/// named zones such as EST or CEST, "GMT+2"). A date without a zone is taken as UTC; anything unreadable is null.
/// </summary>
public static class FeedDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly SearchValues<char> TimeCharacters = SearchValues.Create("0123456789:.");

    private static readonly string[] Days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly Dictionary<string, int> ZoneMinutes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0,
        ["UTC"] = 0,
        ["GMT"] = 0,
        ["Z"] = 0,
        ["WET"] = 0,
        ["EST"] = -300,
        ["EDT"] = -240,
        ["CST"] = -360,
        ["CDT"] = -300,
        ["MST"] = -420,
        ["MDT"] = -360,
        ["PST"] = -480,
        ["PDT"] = -420,
        ["AKST"] = -540,
        ["AKDT"] = -480,
        ["HST"] = -600,
        ["AST"] = -240,
        ["ADT"] = -180,
        ["NST"] = -210,
        ["NDT"] = -150,
        ["BST"] = 60,
        ["IST"] = 330,
        ["WEST"] = 60,
        ["CET"] = 60,
        ["CEST"] = 120,
        ["MET"] = 60,
        ["MEST"] = 120,
        ["EET"] = 120,
        ["EEST"] = 180,
        ["MSK"] = 180,
        ["JST"] = 540,
        ["KST"] = 540,
        ["HKT"] = 480,
        ["SGT"] = 480,
        ["AWST"] = 480,
        ["ACST"] = 570,
        ["AEST"] = 600,
        ["AEDT"] = 660,
        ["NZST"] = 720,
        ["NZDT"] = 780,
    };

    public static DateTimeOffset? Parse(string? text) => Parse(text.AsSpan());

    /// <summary><see cref="Parse(string?)"/> of characters not yet made a string (element content read in place).</summary>
    internal static DateTimeOffset? Parse(ReadOnlySpan<char> text)
    {
        var span = text.Trim();
        if (span.IsEmpty)
        {
            return null;
        }

        if (span.Length >= 10 && char.IsAsciiDigit(span[0]) && span[4] == '-')
        {
            if (ParseRfc3339(span) is { } rfc3339)
            {
                return rfc3339;
            }

            return DateTimeOffset.TryParse(span, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso)
                ? iso.ToUniversalTime()
                : null;
        }

        // The canonical RFC 1123 form most feeds use, without the general tokenizer's allocations.
        if (ParseRfc1123(span) is { } exact)
        {
            return exact;
        }

        var s = span.ToString();
        if (s.EndsWith(" GMT", StringComparison.Ordinal)
            && DateTimeOffset.TryParseExact(s, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rfc1123))
        {
            return rfc1123.ToUniversalTime();
        }

        return ParseRfc822(s) ?? (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var other)
            ? other.ToUniversalTime()
            : null);
    }

    /// <summary>
    /// The RFC 3339 form Atom feeds write (<c>2025-11-01T03:05:00Z</c>, <c>...+02:00</c>), read by position: the
    /// general parser costs far more per entry. Anything else (fractions, other layouts, out-of-range fields) is
    /// null and left to the general parser.
    /// </summary>
    private static DateTimeOffset? ParseRfc3339(ReadOnlySpan<char> s)
    {
        if (s.Length is not (20 or 25) || s[7] != '-' || s[10] is not ('T' or 't') || s[13] != ':' || s[16] != ':'
            || !TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return null;
        }

        var offsetMinutes = 0;
        if (s.Length == 20)
        {
            if (s[19] is not ('Z' or 'z'))
            {
                return null;
            }
        }
        else if (s[19] is not ('+' or '-') || s[22] != ':' || !TryDigits(s, 20, 2, out var offsetHours) || !TryDigits(s, 23, 2, out var offsetMinute)
            || offsetHours > 14 || offsetMinute > 59)
        {
            return null;
        }
        else
        {
            offsetMinutes = (s[19] == '-' ? -1 : 1) * ((offsetHours * 60) + offsetMinute);
        }

        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).ToUniversalTime();
    }

    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// <c>Sat, 01 Nov 2025 03:05:00 GMT</c> exactly as RFC 1123 writes it, read by position (the culture-aware
    /// exact parser was a sixth of the parse time); anything else, a day name that does not match the date
    /// included, is null and left to the parsers below.
    /// </summary>
    private static DateTimeOffset? ParseRfc1123(ReadOnlySpan<char> s)
    {
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':'
            || !s.EndsWith(" GMT")
            || !TryDigits(s, 5, 2, out var day) || !TryDigits(s, 12, 4, out var year)
            || !TryDigits(s, 17, 2, out var hour) || !TryDigits(s, 20, 2, out var minute) || !TryDigits(s, 23, 2, out var second))
        {
            return null;
        }

        var month = 0;
        for (var m = 0; m < MonthNames.Length && month == 0; m++)
        {
            month = s.Slice(8, 3).SequenceEqual(MonthNames[m]) ? m + 1 : 0;
        }

        if (year is < 1 or > 9999 || month == 0 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var date = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return s[..3].SequenceEqual(DayNames[(int)date.DayOfWeek]) ? date : null;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static DateTimeOffset? ParseRfc822(string s)
    {
        int? day = null, month = null, year = null, offset = null;
        int hour = 0, minute = 0, second = 0;
        var pm = false;
        var am = false;
        foreach (var raw in s.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim('(', ')').TrimEnd('.');
            if (token.Length == 0)
            {
                continue;
            }

            if (token.Contains(':', StringComparison.Ordinal) && char.IsAsciiDigit(token[0]))
            {
                if (!ReadTime(token, ref hour, ref minute, ref second, ref offset))
                {
                    return null;
                }
            }
            else if (token.All(char.IsAsciiDigit))
            {
                // A run of digits too long for any date field makes the date unreadable, not the feed.
                if (!int.TryParse(token, CultureInfo.InvariantCulture, out var value))
                {
                    return null;
                }

                if (token.Length <= 2 && day is null)
                {
                    day = value;
                }
                else if (year is null)
                {
                    year = token.Length <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
                }
            }
            else if (token[0] is '+' or '-' && token.Length > 1 && char.IsAsciiDigit(token[1]))
            {
                offset = Offset(token);
            }
            else if (token.Equals("AM", StringComparison.OrdinalIgnoreCase))
            {
                am = true;
            }
            else if (token.Equals("PM", StringComparison.OrdinalIgnoreCase))
            {
                pm = true;
            }
            else if (Zone(token) is { } zone)
            {
                offset = zone;
            }
            else if (token.Length >= 3 && Array.IndexOf(Months, token[..3].ToLowerInvariant()) is var m and >= 0)
            {
                month = m + 1;
            }
            else if (token.Length < 3 || Array.IndexOf(Days, token[..3].ToLowerInvariant()) < 0)
            {
                return null;
            }
        }

        if (pm && hour < 12)
        {
            hour += 12;
        }
        else if (am && hour == 12)
        {
            hour = 0;
        }

        if (day is not { } d || month is not { } mo || year is not { } y || offset is { } o && Math.Abs(o) > 18 * 60)
        {
            return null;
        }

        try
        {
            return new DateTimeOffset(y, mo, d, hour, minute, second, TimeSpan.FromMinutes(offset ?? 0)).ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>hh:mm[:ss[.fff]], possibly with a zone glued on (19:48:21GMT, 19:48:21+0100).</summary>
    private static bool ReadTime(string token, ref int hour, ref int minute, ref int second, ref int? offset)
    {
        var zoneAt = token.AsSpan().IndexOfAnyExcept(TimeCharacters);
        var time = zoneAt < 0 ? token : token[..zoneAt];
        if (zoneAt >= 0)
        {
            offset = token[zoneAt] is '+' or '-' ? Offset(token[zoneAt..]) : Zone(token[zoneAt..]);
            if (offset is null)
            {
                return false;
            }
        }

        var parts = time.Split(':');
        if (parts.Length is < 2 or > 3
            || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out hour)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out minute))
        {
            return false;
        }

        second = 0;
        return parts.Length == 2 || int.TryParse(parts[2].Split('.')[0], CultureInfo.InvariantCulture, out second);
    }

    /// <summary>+hhmm, +hh:mm or +hh, in minutes.</summary>
    private static int? Offset(string token)
    {
        var sign = token[0] == '-' ? -1 : 1;
        var digits = token[1..].Replace(":", "", StringComparison.Ordinal);
        if (!digits.All(char.IsAsciiDigit) || digits.Length is not (1 or 2 or 4))
        {
            return null;
        }

        var hours = int.Parse(digits.Length == 4 ? digits[..2] : digits, CultureInfo.InvariantCulture);
        var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        return sign * ((hours * 60) + minutes);
    }

    /// <summary>A named zone, or GMT/UTC followed by an offset (GMT+2, UTC-05:00).</summary>
    private static int? Zone(string token)
    {
        if (ZoneMinutes.TryGetValue(token, out var minutes))
        {
            return minutes;
        }

        foreach (var prefix in new[] { "GMT", "UTC", "UT" })
        {
            if (token.Length > prefix.Length + 1 && token.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && token[prefix.Length] is '+' or '-')
            {
                return Offset(token[prefix.Length..]);
            }
        }

        return null;
    }
}
