using Analytics.Deploy.Tests.Infrastructure;

namespace Analytics.Deploy.Tests;

/// <summary>deploy/docker: what each image builds, runs and exposes, read from the projects it builds.</summary>
public sealed class DockerfileTests
{
    private const string Sdk = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string AspNet = "mcr.microsoft.com/dotnet/aspnet:10.0";

    [Theory]
    [InlineData("Silo.Dockerfile", "Silo/Silo.csproj", "Silo.dll")]
    [InlineData("Api.Dockerfile", "Api/Api.csproj", "Api.dll")]
    public void The_sdk_publishes_the_project_and_the_aspnet_runtime_runs_its_assembly_unprivileged(string file, string project, string assembly)
    {
        var dockerfile = Dockerfile.Load($"deploy/docker/{file}");
        var build = dockerfile.Stages.Single(stage => stage.Image == Sdk);
        Assert.Contains(build.Arguments("RUN"), run => run.Contains($"dotnet publish {project} ", StringComparison.Ordinal));

        // No AssemblyName in the project: the assembly is named after it, which the ENTRYPOINT relies on.
        Assert.DoesNotContain("<AssemblyName>", Repository.Read(project));
        Assert.Equal(Path.GetFileNameWithoutExtension(project) + ".dll", assembly);

        Assert.Equal(AspNet, dockerfile.Final.Image);
        Assert.Equal(["dotnet", assembly], dockerfile.Entrypoint);
        var user = dockerfile.Final.Arguments("USER").Last();
        Assert.DoesNotContain(user, new[] { "root", "0" });

        var ignore = Repository.Read($"deploy/docker/{file}.dockerignore").Split('\n');
        Assert.Contains("**/bin", ignore);
        Assert.Contains("**/obj", ignore);
    }

    [Fact]
    public void The_silo_image_exposes_the_silo_gateway_and_health_ports()
    {
        var dockerfile = Dockerfile.Load("deploy/docker/Silo.Dockerfile");
        Assert.Equal(new[] { 8081, 11111, 30000 }, dockerfile.ExposedPorts.Order());
        Assert.Equal("8081", dockerfile.Environment["Health__Port"]);
    }

    [Fact]
    public void The_api_image_listens_on_8080_and_serves_the_dashboard_built_by_npm()
    {
        var dockerfile = Dockerfile.Load("deploy/docker/Api.Dockerfile");
        Assert.Equal(new[] { 8080 }, dockerfile.ExposedPorts);
        Assert.Equal("8080", dockerfile.Environment["ASPNETCORE_HTTP_PORTS"]);

        var node = dockerfile.Stages.Single(stage => stage.Name == "dashboard");
        Assert.StartsWith("node:", node.Image);
        Assert.Equal("/src/Dashboard", node.Arguments("WORKDIR").Single());
        var runs = node.Arguments("RUN").ToList();
        Assert.Contains(runs, run => run.EndsWith("npm ci", StringComparison.Ordinal));
        Assert.Contains("npm run build", runs);

        // Dashboard:Path points at where the final stage put the dashboard's dist/.
        var copy = dockerfile.Final.Arguments("COPY").Single(c => c.StartsWith($"--from={node.Name} ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal("/src/Dashboard/dist", copy[1]);
        var workdir = dockerfile.Final.Arguments("WORKDIR").Last();
        Assert.Equal(Path.GetFullPath(Path.Combine(workdir, copy[2])), dockerfile.Environment["Dashboard__Path"]);

        var ignore = Repository.Read("deploy/docker/Api.Dockerfile.dockerignore").Split('\n');
        Assert.Contains("**/node_modules", ignore);
        Assert.Contains("Dashboard/dist", ignore);
    }

    [Fact]
    public void The_api_image_is_built_with_the_enrichment_data_sets_installed_by_npm_from_their_lock_file()
    {
        var dockerfile = Dockerfile.Load("deploy/docker/Api.Dockerfile");
        var enrichment = dockerfile.Stages.Single(stage => stage.Name == "enrichment");
        Assert.Equal("/src/Enrichment/data", enrichment.Arguments("WORKDIR").Single());
        Assert.Contains(enrichment.Arguments("COPY"), c => c.Contains("Enrichment/data/package-lock.json", StringComparison.Ordinal));
        Assert.Contains(enrichment.Arguments("RUN"), run => run.EndsWith("npm ci --omit=dev", StringComparison.Ordinal));

        // Into the build stage, after the source: where Enrichment.csproj looks for them (the context has no node_modules).
        var build = dockerfile.Stages.Single(stage => stage.Image == Sdk);
        Assert.Contains("--from=enrichment /src/Enrichment/data/node_modules Enrichment/data/node_modules", build.Arguments("COPY"));
    }
}
