namespace Analytics.Grains.Interfaces.Events;

/// <summary>A value of an event's <c>props</c>: a string or a number, never both.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PropertyValue([property: Id(0)] string? Text, [property: Id(1)] double Number)
{
    public bool IsNumber => Text is null;

    public static PropertyValue Of(string text) => new(text, 0);

    public static PropertyValue Of(double number) => new(null, number);

    public override string ToString() => Text ?? Number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
