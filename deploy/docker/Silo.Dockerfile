# syntax=docker/dockerfile:1
# The silo host, image analytics-silo. Built from the repository root:
#   docker build -f deploy/docker/Silo.Dockerfile -t analytics-silo .
# Silo.Dockerfile.dockerignore (BuildKit reads it next to this file) keeps build output out of the context.

# The published output is framework-dependent and portable (IL, plus librdkafka for every platform under
# runtimes/), so the SDK runs on the builder's own platform even when the image targets another one.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The whole source tree at once: the shared build props, the central package versions and every project
# the silo references, with no list here to go stale when a project reference is added.
COPY . .
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish Silo/Silo.csproj -c Release -o /app -p:UseAppHost=false --nologo

# The silo serves health and metrics over ASP.NET Core, so it needs the aspnet runtime. Not the chiseled
# variant: compose starts the silo through a shell that looks up the container's own address.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# Silo-to-silo traffic, the gateway Orleans clients connect to, and health and metrics over HTTP.
EXPOSE 11111 30000 8081
ENV Health__Port=8081 \
    Health__Address=0.0.0.0
# The unprivileged user every .NET image defines (APP_UID is its numeric id, so runAsNonRoot can verify it).
USER $APP_UID
ENTRYPOINT ["dotnet", "Silo.dll"]
