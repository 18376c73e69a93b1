namespace Alerts.Core.Classification;

/// <summary>Countries, people and places named in an item, from the gazetteer's phrases among the trie hits.</summary>
internal sealed class EntityFinder
{
    // By term; null for terms that name nothing. Terms registered after the gazetteer are past its end.
    private readonly Entry?[] _entries;

    public EntityFinder(Gazetteer gazetteer, PhraseIndex index)
    {
        var entries = new Dictionary<int, Entry>();
        var countryClass = index.Add("#country");
        var personClass = index.Add("#person");
        var tradeOfficialClass = index.Add("#trade-official");
        foreach (var country in gazetteer.Countries)
        {
            Register(index, entries, country.Name, country.Aliases, new Entry(null, null, country.Name), countryClass);
        }

        foreach (var person in gazetteer.People)
        {
            Register(index, entries, person.Name, person.Aliases, new Entry(person.Name, null, person.Country), personClass);
            if (person.Role == "trade")
            {
                Register(index, entries, person.Name, person.Aliases, new Entry(person.Name, null, person.Country), tradeOfficialClass);
            }
        }

        foreach (var place in gazetteer.Places)
        {
            Register(index, entries, place.Name, place.Aliases, new Entry(null, place.Name, place.Country), place.Country is null ? -1 : countryClass);
        }

        _entries = new Entry?[index.TermCount];
        foreach (var (term, entry) in entries)
        {
            _entries[term] = entry;
        }
    }

    public Entities Find(List<Hit> hits)
    {
        List<string>? countries = null, people = null, places = null;
        var taken = -1;
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (hit.First <= taken || EntryOf(hit.Term) is not { } entry)
            {
                continue;
            }

            // Hits come by start, shortest first: the longest gazetteer phrase at this start wins ("South Korea" over "Korea").
            for (var j = i + 1; j < hits.Count && hits[j].First == hit.First; j++)
            {
                if (EntryOf(hits[j].Term) is { } longer && hits[j].Last > hit.Last)
                {
                    hit = hits[j];
                    entry = longer;
                }
            }

            taken = hit.Last;
            Add(ref people, entry.Person);
            Add(ref places, entry.Place);
            Add(ref countries, entry.Country);
        }

        return countries is null && people is null && places is null
            ? Entities.None
            : new Entities(countries ?? [], people ?? [], places ?? []);
    }

    private Entry? EntryOf(int term) => (uint)term < (uint)_entries.Length ? _entries[term] : null;

    private static void Register(PhraseIndex index, Dictionary<int, Entry> entries, string name, IReadOnlyList<string>? aliases, Entry entry, int classTerm)
    {
        foreach (var phrase in (aliases ?? []).Prepend(name))
        {
            var term = index.Add(phrase);
            entries.TryAdd(term, entry);
            if (classTerm >= 0)
            {
                index.AddClass(term, classTerm);
            }
        }
    }

    private static void Add(ref List<string>? list, string? value)
    {
        if (value is null)
        {
            return;
        }

        list ??= [];
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    private sealed record Entry(string? Person, string? Place, string? Country);
}
