namespace Alerts.Core.Classification;

/// <summary>
/// Countries and trade blocs (with adjectives and other names), officials and places, read from
/// <c>gazetteer.json</c> (embedded default, or the file named by <c>Alerts:GazetteerPath</c>). Country names are
/// the common English short names subscribers filter by ("China", "United States", "European Union").
/// </summary>
public sealed record Gazetteer(
    IReadOnlyList<GazetteerCountry> Countries,
    IReadOnlyList<GazetteerPerson> People,
    IReadOnlyList<GazetteerPlace> Places)
{
    public static Gazetteer Embedded() => DataFiles.Embedded("gazetteer.json", Load);

    /// <summary>The file at <paramref name="path"/> when given, else the embedded default.</summary>
    public static Gazetteer From(string? path) => DataFiles.From(path, "gazetteer.json", "Gazetteer", Load);

    public static Gazetteer Load(Stream json)
    {
        var gazetteer = DataFiles.Deserialize<Gazetteer>(json, "gazetteer.json");

        if (gazetteer is null || gazetteer.Countries is null || gazetteer.People is null || gazetteer.Places is null)
        {
            throw new InvalidDataException("gazetteer.json needs countries, people and places lists.");
        }

        var countries = gazetteer.Countries.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = gazetteer.People.Select(p => p.Country).Concat(gazetteer.Places.Select(p => p.Country))
            .FirstOrDefault(c => c is not null && !countries.Contains(c));
        if (unknown is not null || gazetteer.Countries.Any(c => string.IsNullOrWhiteSpace(c.Name)))
        {
            throw new InvalidDataException($"gazetteer.json: every entry needs a name, and \"{unknown}\" is not one of its countries.");
        }

        return gazetteer;
    }
}

// Aliases: Other names and adjectives ("Chinese", "PRC"); the name itself always counts.
public sealed record GazetteerCountry(string Name, IReadOnlyList<string>? Aliases = null);

// Country: The country the person speaks for, added to the item's countries.
// Role: <c>trade</c> for trade negotiators and ministers: rules can use them as <c>#trade-official</c>.
public sealed record GazetteerPerson(string Name, string? Country = null, IReadOnlyList<string>? Aliases = null, string? Role = null);

// Country: Set for capitals that stand for their government ("Beijing said"); other places imply no country.
public sealed record GazetteerPlace(string Name, string? Country = null, IReadOnlyList<string>? Aliases = null);
