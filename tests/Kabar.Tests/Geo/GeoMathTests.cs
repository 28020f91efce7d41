using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kabar.Geo;

namespace Kabar.Tests.Geo;

/// <summary>The latitude shortcut of <see cref="GeoMath.IsWithinKm"/> answers as the full distance does.</summary>
public sealed class GeoMathTests
{
    /// <summary>Pairs of points, half of them near each other (within a few degrees), where the shortcut and the formula could
    /// disagree at the edge of the radius.</summary>
    private static Arbitrary<(double Lat1, double Lon1, double Lat2, double Lon2, double Km)> Pairs() =>
        (from lat1 in Gen.Choose(-90_000, 90_000)
         from lon1 in Gen.Choose(-180_000, 180_000)
         from near in ArbMap.Default.GeneratorFor<bool>()
         from dLat in near ? Gen.Choose(-4_000, 4_000) : Gen.Choose(-180_000, 180_000)
         from dLon in near ? Gen.Choose(-4_000, 4_000) : Gen.Choose(-360_000, 360_000)
         from km in Gen.Elements(1.0, 50.0, 300.0, 1000.0)
         select (lat1 / 1000.0, lon1 / 1000.0, Math.Clamp((lat1 + dLat) / 1000.0, -90, 90), (lon1 + dLon) / 1000.0, km)).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Is_within_a_radius_exactly_when_the_distance_is_under_it() =>
        Prop.ForAll(Pairs(), p => GeoMath.IsWithinKm(p.Lat1, p.Lon1, p.Lat2, p.Lon2, p.Km) == GeoMath.DistanceKm(p.Lat1, p.Lon1, p.Lat2, p.Lon2) < p.Km);

    [Theory]
    [InlineData(0.0, 0.0, 2.69, 0.0, true)] // 299 km due north
    [InlineData(0.0, 0.0, 2.71, 0.0, false)] // 301 km due north: turned away by latitude alone
    [InlineData(60.0, 0.0, 60.0, 5.0, true)] // same parallel, 278 km: latitude says nothing, the formula decides
    [InlineData(60.0, 0.0, 60.0, 6.0, false)] // 333 km
    public void Answers_at_the_edge_of_300_km(double lat1, double lon1, double lat2, double lon2, bool within) =>
        Assert.Equal(within, GeoMath.IsWithinKm(lat1, lon1, lat2, lon2, 300));
}
