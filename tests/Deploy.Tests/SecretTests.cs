using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>The deployment files carry placeholders only: real passwords, tokens and keys live elsewhere.</summary>
public sealed class SecretTests
{
    [Fact]
    public void No_deployment_file_holds_something_that_looks_like_a_real_secret()
    {
        var yaml = Repository.Files(ComposeFile.Folder, "*.y*ml")
            .Concat(Repository.Files(KubernetesManifests.Folder, "*.y*ml"))
            .SelectMany(file => SecretScanner.ScanYaml(file, Repository.Read(file)));
        var env = Repository.Files(ComposeFile.Folder, ".env.example")
            .SelectMany(file => SecretScanner.ScanEnvFile(file, Repository.Read(file)));
        var images = Repository.Files("deploy/docker", "*.Dockerfile")
            .SelectMany(file => Dockerfile.Load(file).Environment.SelectMany(e => SecretScanner.Check($"{file}: {e.Key}", e.Key, e.Value)));

        var findings = yaml.Concat(env).Concat(images).Select(f => $"{f.Where}: {f.Reason}").ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void The_compose_example_environment_lists_a_placeholder_for_every_variable_compose_requires()
    {
        var required = System.Text.RegularExpressions.Regex.Matches(Repository.Read($"{ComposeFile.Folder}/compose.yaml"), @"\$\{([A-Z_]+):\?")
            .Select(m => m.Groups[1].Value)
            .ToHashSet();
        var example = Repository.Read($"{ComposeFile.Folder}/.env.example").Split('\n')
            .Where(line => line.Contains('=') && !line.StartsWith('#'))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim());
        Assert.Equal(required.Order(), example.Keys.Order());
        Assert.All(example.Values, value => Assert.Matches("^change-me-", value));
    }

    [Theory]
    [InlineData("POSTGRES_PASSWORD: hunter2")]
    [InlineData("InfluxDB__Token: 0123456789abcdef")]
    [InlineData("Cluster__ConnectionString: Host=db;Username=a;Password=s3cret;Database=b")]
    [InlineData("environment: [\"POSTGRES_PASSWORD=hunter2\"]")]
    [InlineData("env: [{name: InfluxDB__Password, value: hunter2}]")]
    [InlineData("url: http://user:hunter2@influxdb:8086")]
    [InlineData("password: ${DB_PASSWORD:-hunter2}")]
    [InlineData("key: \"-----BEGIN RSA PRIVATE KEY-----\"")]
    public void A_real_looking_secret_is_found(string yaml) =>
        Assert.NotEmpty(SecretScanner.ScanYaml("sample", yaml));

    [Theory]
    [InlineData("POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}")]
    [InlineData("InfluxDB__Password: CHANGE_ME")]
    [InlineData("Cluster__ConnectionString: Host=db;Password=${PW};Database=b")]
    [InlineData("env: [{name: InfluxDB__Password, value: $(FROM_ELSEWHERE)}]")]
    [InlineData("automountServiceAccountToken: false")]
    [InlineData("secretRef: {name: analytics-secrets}")]
    public void A_placeholder_is_not_a_secret(string yaml) =>
        Assert.Empty(SecretScanner.ScanYaml("sample", yaml));
}
