# syntax=docker/dockerfile:1
# The web host, image analytics-api: ingestion, queries, live push and both dashboards. Built from the
# repository root:
#   docker build -f deploy/docker/Api.Dockerfile -t analytics-api .
# Api.Dockerfile.dockerignore (BuildKit reads it next to this file) keeps build output and node_modules
# out of the context.

# The dashboard is static files, the same on every platform: build it on the builder's platform.
FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS dashboard
WORKDIR /src/Dashboard
# The manifest, the lock file and .npmrc first, so the install layer is reused until dependencies change.
COPY Dashboard/package.json Dashboard/package-lock.json Dashboard/.npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY Dashboard/ ./
RUN npm run build

# The enrichment data sets (user agents, crawlers, referrers) are npm packages, pinned in their lock file; the
# .NET build copies them next to the assemblies and stops when they are missing. The country database for tests
# is a dev dependency: not in the image.
FROM --platform=$BUILDPLATFORM node:22-bookworm-slim AS enrichment
WORKDIR /src/Enrichment/data
COPY Enrichment/data/package.json Enrichment/data/package-lock.json Enrichment/data/.npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# Framework-dependent, portable output (librdkafka for every platform under runtimes/): the SDK runs on
# the builder's platform even when the image targets another one.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# The whole source tree at once: no list of referenced projects here to go stale.
COPY . .
COPY --from=enrichment /src/Enrichment/data/node_modules Enrichment/data/node_modules
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish Api/Api.csproj -c Release -o /app -p:UseAppHost=false --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
COPY --from=dashboard /src/Dashboard/dist ./dashboard
# Dashboard:Path would otherwise default to ../Dashboard/dist of the content root, which is not in the image.
# ASPNETCORE_HTTP_PORTS is the aspnet image's own listening setting; it is stated here because compose,
# Kubernetes and the tests rely on 8080.
ENV Dashboard__Path=/app/dashboard \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The unprivileged user every .NET image defines (APP_UID is its numeric id, so runAsNonRoot can verify it).
USER $APP_UID
ENTRYPOINT ["dotnet", "Api.dll"]
