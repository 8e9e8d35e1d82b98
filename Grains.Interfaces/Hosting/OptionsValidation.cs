using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Grains.Interfaces.Hosting;

public static class OptionsValidation
{
    /// <summary>Makes start-up fail with every problem an options class reports, each naming its setting.</summary>
    public static OptionsBuilder<T> ValidateProblems<T>(this OptionsBuilder<T> builder, Func<T, IEnumerable<string>> problems) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new ProblemValidator<T>(builder.Name, problems));
        return builder.ValidateOnStart();
    }

    private sealed class ProblemValidator<T>(string name, Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (optionsName != name) return ValidateOptionsResult.Skip;
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
