using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MlopsServerless.Core.Errors;

/// <summary>Options validation through an options type's own <c>Validate()</c>, keeping its message.</summary>
public static class OptionsBuilderExtensions
{
    /// <summary>
    /// Validates with <paramref name="validate"/>, which throws <see cref="MlopsException"/> naming the wrong setting;
    /// its message becomes the <see cref="OptionsValidationException"/>'s, prefixed with <paramref name="section"/>.
    /// </summary>
    public static OptionsBuilder<T> ValidateBy<T>(this OptionsBuilder<T> builder, string section, Action<T> validate)
        where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new DelegatedValidation<T>(builder.Name, section, validate));
        return builder;
    }

    private sealed class DelegatedValidation<T>(string? name, string section, Action<T> validate) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? optionsName, T options)
        {
            if (name is not null && name != optionsName)
            {
                return ValidateOptionsResult.Skip;
            }

            try
            {
                validate(options);
                return ValidateOptionsResult.Success;
            }
            catch (MlopsException e)
            {
                return ValidateOptionsResult.Fail($"{section}: {e.Message}");
            }
        }
    }
}
