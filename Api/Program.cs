using Analytics.Api.Apis;
using Analytics.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.UseGridClient();
builder.AddIngestion();
builder.AddQueries();
builder.AddLive();
builder.AddWebServices();

var app = builder.Build();
app.MapWebPages();
app.MapEventsApi();
app.MapSitesApi();
app.MapPipelineApi();
app.MapLive();
app.Run();

/// <summary>The web host's entry point; public for functional tests.</summary>
public partial class Program;
