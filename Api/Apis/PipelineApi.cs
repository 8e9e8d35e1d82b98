using Analytics.Grains.Interfaces.Live;

namespace Analytics.Api.Apis;

public static class PipelineApi
{
    public static RouteHandlerBuilder MapPipelineApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/pipeline", async (IGrainFactory grains) => await grains.GetGrain<IPipelineStatsGrain>(0).Get())
            .WithName("GetPipeline")
            .WithSummary("The pipeline's health over the last minute: events and errors per minute, latency quantiles, lag, watermarks.");
}
