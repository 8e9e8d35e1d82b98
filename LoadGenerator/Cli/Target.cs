namespace Analytics.LoadGenerator.Cli;

/// <summary>Where the events go: the ingestion endpoint, or straight to the grid's Kafka topic.</summary>
public enum Target
{
    Http,
    Kafka,
}
