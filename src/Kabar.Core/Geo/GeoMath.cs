namespace Kabar.Geo;

/// <summary>Distances on the globe.</summary>
public static class GeoMath
{
    private const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance in kilometres (haversine).</summary>
    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, a)));
    }

    /// <summary>True when the great-circle distance is under <paramref name="km"/>: <see cref="DistanceKm"/> &lt; km, with its sines,
    /// cosines and arc sine spared for points whose latitudes alone lie farther apart. The arc along a meridian is the shortest path
    /// between two parallels, so no two such points are nearer; the kilometre of margin is far more than the rounding of either
    /// formula.</summary>
    public static bool IsWithinKm(double lat1, double lon1, double lat2, double lon2, double km) =>
        ToRadians(Math.Abs(lat2 - lat1)) * EarthRadiusKm <= km + 1 && DistanceKm(lat1, lon1, lat2, lon2) < km;

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}
