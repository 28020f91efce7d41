using System.Numerics;
using System.Text;

namespace Kabar.Geo;

/// <summary>One place of the world gazetteer.</summary>
/// <param name="Index">Position in the gazetteer.</param>
/// <param name="Name">Primary name.</param>
/// <param name="Lat">Latitude.</param>
/// <param name="Lon">Longitude.</param>
/// <param name="Country">ISO 3166-1 alpha-3, or empty.</param>
/// <param name="FeatureCode">GeoNames feature code (<c>PPLC</c> capital, <c>PPLA</c> seat of a first-order division,
/// <c>PPL</c> populated place…) or <c>ADM1</c> for a first-order division.</param>
/// <param name="Admin1">GeoNames first-order division code within the country.</param>
/// <param name="Population">Population (0 when GeoNames does not know it).</param>
/// <param name="GeonameId">GeoNames identifier, or a negative synthetic id for divisions.</param>
public readonly record struct GazetteerPlace(
    int Index,
    string Name,
    double Lat,
    double Lon,
    string Country,
    string FeatureCode,
    string Admin1,
    int Population,
    int GeonameId)
{
    /// <summary>The GeoNames feature code of a country capital.</summary>
    internal const string CapitalFeature = "PPLC";

    /// <summary>The GeoNames feature code of a first-order administrative division.</summary>
    internal const string Admin1Feature = "ADM1";

    /// <summary>True for a country capital.</summary>
    public bool IsCapital => FeatureCode == CapitalFeature;

    /// <summary>True for a first-order administrative division (province, state).</summary>
    public bool IsAdmin1 => FeatureCode == Admin1Feature;

    /// <summary>True for the seat of a division (province capital and similar).</summary>
    public bool IsSeat => FeatureCode.StartsWith("PPLA", StringComparison.Ordinal) || IsCapital;

    /// <summary>The identifier reported in output.</summary>
    public string Id => GeonameId > 0 ? $"geonames:{GeonameId}" : $"geonames-admin1:{Country}.{Admin1}";
}

/// <summary>
/// The world gazetteer compiled from GeoNames (cities with 500+ people and first-order divisions) into a compact
/// binary index: places as parallel arrays, names as a sorted table of 64-bit name hashes. Loads in well under a
/// second and looks a name up with a binary search.
/// </summary>
/// <remarks>Immutable after loading; thread-safe.</remarks>
public sealed class Gazetteer
{
    /// <summary>Bumped when the binary layout changes, so a stale cache is rebuilt.</summary>
    public const int FormatVersion = 5;

    private static readonly byte[] Magic = "KGZ"u8.ToArray();

    private readonly string[] _names;
    private readonly float[] _lat;
    private readonly float[] _lon;
    private readonly ushort[] _country;
    private readonly ushort[] _feature;
    private readonly ushort[] _admin1;
    private readonly int[] _population;
    private readonly int[] _geonameId;
    private readonly string[] _strings;
    private readonly ulong[] _nameHashes;
    private readonly int[] _namePlaces;

    /// <summary>Where each range of hashes starts in the sorted <see cref="_nameHashes"/>, by the top <see cref="_bucketBits"/> bits of
    /// the hash (and one past the end): a lookup searches one bucket of a few names instead of the whole index of hundreds of
    /// thousands, every probe of which missed the processor's cache.</summary>
    private readonly int[] _bucketStarts;

    private readonly int _bucketBits;

    /// <summary>A blocked Bloom filter of the name hashes: three bits in one 64-bit word per name, about thirteen bits of filter per
    /// name (1 MB for the world gazetteer), so about 1 % of other names pass. Most names asked about are capitalised words that
    /// name no place; the filter turns them away with one read where the bucket and the hash table took two, both out of the
    /// cache.</summary>
    private readonly ulong[] _filter;

    private readonly ulong _filterMask;

    /// <summary>The string numbers of the feature codes <see cref="GazetteerPlace.IsCapital"/> and <see cref="GazetteerPlace.IsAdmin1"/>
    /// compare with, or −1: ranking a name's places reads two numbers per place instead of building each place.</summary>
    private readonly int _capitalFeature, _admin1Feature;

    private Gazetteer(string[] names, float[] lat, float[] lon, ushort[] country, ushort[] feature, ushort[] admin1, int[] population,
        int[] geonameId, string[] strings, ulong[] nameHashes, int[] namePlaces)
    {
        _names = names;
        _lat = lat;
        _lon = lon;
        _country = country;
        _feature = feature;
        _admin1 = admin1;
        _population = population;
        _geonameId = geonameId;
        _strings = strings;
        _capitalFeature = Array.IndexOf(strings, GazetteerPlace.CapitalFeature);
        _admin1Feature = Array.IndexOf(strings, GazetteerPlace.Admin1Feature);
        _nameHashes = nameHashes;
        _namePlaces = namePlaces;
        // About two names per bucket; at most 2^20 buckets (4 MB).
        _bucketBits = Math.Clamp(BitOperations.Log2((uint)Math.Max(nameHashes.Length / 2, 1)), 1, 20);
        _bucketStarts = new int[(1 << _bucketBits) + 1];
        var k = 0;
        for (var bucket = 0; bucket < _bucketStarts.Length; bucket++)
        {
            while (k < nameHashes.Length && (int)(nameHashes[k] >> (64 - _bucketBits)) < bucket)
            {
                k++;
            }
            _bucketStarts[bucket] = k;
        }
        _filter = new ulong[Math.Max(1, 1 << (_bucketBits - 1))];
        _filterMask = (ulong)_filter.Length - 1;
        foreach (var hash in nameHashes)
        {
            _filter[FilterWord(hash)] |= FilterBits(hash);
        }
    }

    /// <summary>The filter word of a name hash, by its low bits (the buckets go by the top ones).</summary>
    private int FilterWord(ulong hash) => (int)(hash & _filterMask);

    /// <summary>The three bits a name hash sets in its filter word, from the hash remixed (FNV's middle bits alone are too alike).</summary>
    private static ulong FilterBits(ulong hash)
    {
        var mixed = hash * 0x9E3779B97F4A7C15UL;
        return (1UL << (int)(mixed >> 58)) | (1UL << (int)((mixed >> 52) & 63)) | (1UL << (int)((mixed >> 46) & 63));
    }

    /// <summary>False only when no name has this hash.</summary>
    internal bool MayHave(ulong hash)
    {
        var bits = FilterBits(hash);
        return (_filter[FilterWord(hash)] & bits) == bits;
    }

    /// <summary>An empty gazetteer, used when the data package is not installed.</summary>
    public static Gazetteer Empty { get; } = new([], [], [], [], [], [], [], [], [], [], []);

    /// <summary>Number of places.</summary>
    public int Count => _names.Length;

    /// <summary>Number of indexed names (primary and alternate).</summary>
    public int NameCount => _nameHashes.Length;

    /// <summary>Where the index was loaded from, for messages.</summary>
    public string? Source { get; private init; }

    /// <summary>The place at an index.</summary>
    public GazetteerPlace this[int index] => new(index, _names[index], _lat[index], _lon[index], _strings[_country[index]],
        _strings[_feature[index]], _strings[_admin1[index]], _population[index], _geonameId[index]);

    /// <summary>Places whose primary or alternate name equals <paramref name="name"/> after normalisation.</summary>
    public List<GazetteerPlace> Lookup(string name) => Lookup(name.AsSpan());

    /// <summary>Places whose primary or alternate name equals <paramref name="name"/> after normalisation; the entity stage passes
    /// a slice of the text, so no string is built for a name that is then not kept.</summary>
    public List<GazetteerPlace> Lookup(ReadOnlySpan<char> name)
    {
        var matches = Find(name);
        var result = new List<GazetteerPlace>(matches.Count);
        for (var k = 0; k < matches.Count; k++)
        {
            result.Add(matches[k]);
        }
        return result;
    }

    /// <summary>The places of <see cref="Lookup(ReadOnlySpan{char})"/>, in the same order, read in place instead of collected into a
    /// list (the entity stage asks about every capitalised run and keeps few answers).</summary>
    public Matches Find(ReadOnlySpan<char> name)
    {
        if (_nameHashes.Length == 0)
        {
            return default;
        }
        var hash = NameKey.HashOf(name, out var length);
        if (length == 0 || !MayHave(hash))
        {
            return default;
        }
        var index = LowerBound(hash);
        var end = index;
        while (end < _nameHashes.Length && _nameHashes[end] == hash)
        {
            end++;
        }
        return new Matches(this, index, end);
    }

    /// <summary>Places sharing one name: a range of the name index.</summary>
    public readonly struct Matches
    {
        private readonly Gazetteer? _gazetteer;
        private readonly int _start;

        internal Matches(Gazetteer gazetteer, int start, int end)
        {
            _gazetteer = gazetteer;
            _start = start;
            Count = end - start;
        }

        /// <summary>How many places have the name.</summary>
        public int Count { get; }

        /// <summary>The <paramref name="k"/>-th place with the name.</summary>
        public GazetteerPlace this[int k] => _gazetteer![IndexAt(k)];

        /// <summary>The <paramref name="k"/>-th place's population, as <see cref="GazetteerPlace.Population"/>.</summary>
        /// <remarks>This, <see cref="IsCapitalAt"/> and <see cref="IsAdmin1At"/> read one array each: a name with many places is
        /// ranked without building every place from its nine arrays.</remarks>
        public int PopulationAt(int k) => _gazetteer!._population[IndexAt(k)];

        /// <summary>Whether the <paramref name="k"/>-th place is a country capital, as <see cref="GazetteerPlace.IsCapital"/>.</summary>
        public bool IsCapitalAt(int k) => _gazetteer!._feature[IndexAt(k)] == _gazetteer._capitalFeature;

        /// <summary>Whether the <paramref name="k"/>-th place is a first-order division, as <see cref="GazetteerPlace.IsAdmin1"/>.</summary>
        public bool IsAdmin1At(int k) => _gazetteer!._feature[IndexAt(k)] == _gazetteer._admin1Feature;

        private int IndexAt(int k) => (uint)k < (uint)Count
            ? _gazetteer!._namePlaces[_start + k]
            : throw new ArgumentOutOfRangeException(nameof(k));
    }

    /// <summary>True when some place has this name.</summary>
    public bool Contains(string name) => Contains(name.AsSpan());

    /// <summary>True when some place has this name (a slice of a text).</summary>
    public bool Contains(ReadOnlySpan<char> name)
    {
        if (_nameHashes.Length == 0)
        {
            return false;
        }
        var hash = NameKey.HashOf(name, out var length);
        if (length == 0 || !MayHave(hash))
        {
            return false;
        }
        var index = LowerBound(hash);
        return index < _nameHashes.Length && _nameHashes[index] == hash;
    }

    /// <summary>The first-order division a place belongs to, if the gazetteer has it.</summary>
    public GazetteerPlace? Admin1Of(GazetteerPlace place)
    {
        foreach (var candidate in Lookup(place.Name))
        {
            if (candidate.IsAdmin1 && candidate.Country == place.Country && candidate.Admin1 == place.Admin1)
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>The first index whose hash is not below <paramref name="hash"/>, as a binary search of the whole index would find it:
    /// every hash of later buckets is above the hash's bucket.</summary>
    private int LowerBound(ulong hash)
    {
        var bucket = (int)(hash >> (64 - _bucketBits));
        int lo = _bucketStarts[bucket], hi = _bucketStarts[bucket + 1];
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_nameHashes[mid] < hash)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Reads a compiled index.</summary>
    public static Gazetteer Load(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 20);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (!reader.ReadBytes(3).AsSpan().SequenceEqual(Magic) || reader.ReadInt32() != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a Kabar gazetteer index of format {FormatVersion}");
        }
        var strings = new string[reader.ReadInt32()];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = reader.ReadString();
        }
        var count = reader.ReadInt32();
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.ReadString();
        }
        var lat = ReadArray<float>(reader, count);
        var lon = ReadArray<float>(reader, count);
        var country = ReadArray<ushort>(reader, count);
        var feature = ReadArray<ushort>(reader, count);
        var admin1 = ReadArray<ushort>(reader, count);
        var population = ReadArray<int>(reader, count);
        var geonameId = ReadArray<int>(reader, count);
        var nameCount = reader.ReadInt32();
        var hashes = ReadArray<ulong>(reader, nameCount);
        var places = ReadArray<int>(reader, nameCount);
        return new Gazetteer(names, lat, lon, country, feature, admin1, population, geonameId, strings, hashes, places) { Source = path };
    }

    private static T[] ReadArray<T>(BinaryReader reader, int count)
        where T : unmanaged
    {
        var array = new T[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return array;
    }

    /// <summary>Writes an index. Places must already be final; names are (normalised name, place index) pairs.</summary>
    internal static void Write(string path, IReadOnlyList<CompiledPlace> places, IEnumerable<(string Key, int Place)> names)
    {
        var strings = new List<string> { "" };
        var stringIndex = new Dictionary<string, ushort>(StringComparer.Ordinal) { [""] = 0 };
        ushort Intern(string s)
        {
            if (!stringIndex.TryGetValue(s, out var index))
            {
                index = checked((ushort)strings.Count);
                strings.Add(s);
                stringIndex[s] = index;
            }
            return index;
        }
        var countries = places.Select(p => Intern(p.Country)).ToArray();
        var features = places.Select(p => Intern(p.FeatureCode)).ToArray();
        var admins = places.Select(p => Intern(p.Admin1)).ToArray();
        var pairs = names.Select(n => (Hash: NameKey.Hash(n.Key), n.Place)).Distinct().OrderBy(n => n.Hash).ThenBy(n => n.Place).ToArray();

        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var stream = new BufferedStream(File.Create(temp), 1 << 20))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(strings.Count);
            foreach (var s in strings)
            {
                writer.Write(s);
            }
            writer.Write(places.Count);
            foreach (var p in places)
            {
                writer.Write(p.Name);
            }
            WriteArray(writer, places.Select(p => (float)p.Lat).ToArray());
            WriteArray(writer, places.Select(p => (float)p.Lon).ToArray());
            WriteArray(writer, countries);
            WriteArray(writer, features);
            WriteArray(writer, admins);
            WriteArray(writer, places.Select(p => p.Population).ToArray());
            WriteArray(writer, places.Select(p => p.GeonameId).ToArray());
            writer.Write(pairs.Length);
            WriteArray(writer, pairs.Select(p => p.Hash).ToArray());
            WriteArray(writer, pairs.Select(p => p.Place).ToArray());
        }
        // Atomic replace: a reader never sees half a file, even if two processes compile at once.
        File.Move(temp, path, overwrite: true);
    }

    private static void WriteArray<T>(BinaryWriter writer, T[] array)
        where T : unmanaged => writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(array.AsSpan()));
}

/// <summary>A place on its way into the index.</summary>
internal sealed record CompiledPlace(string Name, double Lat, double Lon, string Country, string FeatureCode, string Admin1, int Population, int GeonameId);
