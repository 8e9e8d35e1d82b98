using Analytics.Api.Apis;
using Analytics.Api.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.UseGridClient();
builder.AddIngestion();
builder.AddQueries();
builder.AddLive();
builder.AddWebServices();
builder.AddSecurity();

var app = builder.Build();
app.UseSecurity();
app.MapWebPages();
app.MapEventsApi().WithIngestionProtection();
app.MapSitesApi();
app.MapAudienceApi();
app.MapGoalsApi();
app.MapFunnelsApi();
app.MapNotificationsApi();
app.MapPipelineApi();
app.MapLive();
app.Run();

/// <summary>The web host's entry point; public for functional tests.</summary>
public partial class Program;
