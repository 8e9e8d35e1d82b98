namespace Analytics.Grains.Interfaces.Events;

/// <summary>One broken rule: the field (with its index in a batch, as <c>[3].url</c>) and the rule it breaks.</summary>
public readonly record struct FieldError(string Field, string Rule);
