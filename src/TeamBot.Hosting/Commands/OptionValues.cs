using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;

namespace TeamBot.Hosting.Commands;

/// <summary>
/// Parsers and checks for option values that give a one-line message naming the option. The library's own messages for
/// these run over several lines (a choice lists its values one per line), and a validator that reads a value the
/// parser refused throws instead of reporting: an unparseable <c>--time-budget</c> once aborted the process.
/// </summary>
internal static class OptionValues
{
    /// <summary>A duration as hh:mm:ss (or d.hh:mm:ss), greater than zero.</summary>
    public static Option<TimeSpan?> PositiveDuration(this Option<TimeSpan?> option, string example)
    {
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) || !text.Contains(':', StringComparison.Ordinal))
            {
                result.AddError($"{option.Name}: '{text}' is not a duration such as {example}");
                return null;
            }

            if (value <= TimeSpan.Zero)
            {
                result.AddError($"{option.Name}: '{text}' is not a positive duration such as {example}");
                return null;
            }

            return value;
        };
        return option;
    }

    /// <summary>Accepts only <paramref name="values"/>, with a message on one line and the values offered for completion.</summary>
    public static Option<T> OneOf<T>(this Option<T> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (!values.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is not one of {string.Join(", ", values)}");
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>Refuses an empty or blank value: an empty folder, model or variable name would silently mean something else.</summary>
    public static Option<T> NotBlank<T>(this Option<T> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Any(token => string.IsNullOrWhiteSpace(token.Value)))
            {
                result.AddError($"{option.Name}: the value cannot be empty");
            }
        });
        return option;
    }

    /// <summary>Accepts only whole numbers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<T> InRange<T>(this Option<T> option, int minimum, int maximum = int.MaxValue)
    {
        option.Validators.Add(result =>
        {
            // Read from the token, not GetValueOrDefault: a value the parser refused must be reported, not thrown.
            foreach (Token token in result.Tokens)
            {
                if (int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && (number < minimum || number > maximum))
                {
                    result.AddError(maximum == int.MaxValue
                        ? $"{option.Name} must be at least {minimum}: '{token.Value}' is not"
                        : $"{option.Name} must be from {minimum} to {maximum}: '{token.Value}' is not");
                }
            }
        });
        return option;
    }

    /// <summary>An absolute http or https address.</summary>
    public static Option<string?> HttpAddress(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (!Uri.TryCreate(token.Value, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"{option.Name}: '{token.Value}' is not an http or https address such as https://api.openai.com/v1");
                }
            }
        });
        return option;
    }

    /// <summary>A host name or IP address.</summary>
    public static Option<string?> HostAddress(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (Uri.CheckHostName(token.Value) == UriHostNameType.Unknown)
                {
                    result.AddError($"{option.Name}: '{token.Value}' is not a host name or IP address");
                }
            }
        });
        return option;
    }

    /// <summary>A path the file system can hold: no NUL or other character no path may have.</summary>
    public static Option<T> PathText<T>(this Option<T> option)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (token.Value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    result.AddError($"{option.Name}: '{token.Value.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a path: it has a character no path can have");
                }
            }
        });
        return option;
    }

    /// <summary>
    /// Requires the file an option names to exist, relative to <paramref name="workingDirectory"/>, as the command will
    /// read it: checked when the command line is parsed, so a mistyped path is refused whichever agent would have read it.
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="workingDirectory">The folder relative paths start from.</param>
    /// <param name="bareNameOnPath">Whether a name without a folder is a program looked up on PATH, and so not checked here.</param>
    /// <param name="missing">The message for a missing file, given its full path.</param>
    public static void ExistingFile(Option option, string workingDirectory, bool bareNameOnPath, Func<string, string> missing)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                string value = token.Value;
                if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
                {
                    result.AddError($"{option.Name}: '{value.Replace("\0", "\\0", StringComparison.Ordinal)}' is not a file's path");
                }
                else if (!(bareNameOnPath && value.IndexOfAny(['/', '\\']) < 0) && !File.Exists(Path.GetFullPath(value, workingDirectory)))
                {
                    result.AddError(Directory.Exists(Path.GetFullPath(value, workingDirectory))
                        ? $"{option.Name}: '{value}' is a folder, not a file"
                        : missing(Path.GetFullPath(value, workingDirectory)));
                }
            }
        });
    }
}
