using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace TeamBot.Agents.Replay;

/// <summary>
/// Masks secrets before a transcript is written: the values it is given (the API key the run uses) and whatever looks
/// like a key or token (OpenAI and GitHub keys, bearer tokens, key=value settings named key, token, secret or password).
/// </summary>
public sealed partial class Redactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[REDACTED]";

    private readonly string[] _secrets;

    /// <summary>Initializes a new instance of the <see cref="Redactor"/> class.</summary>
    /// <param name="secrets">Values to mask wherever they appear; values shorter than 8 characters are ignored, as too likely to be words.</param>
    public Redactor(IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = [.. secrets.OfType<string>().Where(secret => secret.Length >= 8).Distinct(StringComparer.Ordinal).OrderByDescending(secret => secret.Length)];
    }

    /// <summary>Gets a redactor with no values of its own; it still masks what looks like a key.</summary>
    public static Redactor Patterns { get; } = new([]);

    /// <summary>Returns <paramref name="text"/> with every secret masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        text = KeyLike().Replace(text, Mask);

        // A setting's value is masked only when it looks like a secret (letters and digits together): code such as
        // cancellationToken: cancellationToken names a variable, not a secret.
        return Setting().Replace(text, match => LooksSecret(match.Groups["value"].Value) ? match.Groups["name"].Value + Mask : match.Value);
    }

    [GeneratedRegex(@"\b(?:sk-[A-Za-z0-9_\-]{16,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abpr]-[A-Za-z0-9\-]{10,})|(?<=\bBearer\s)[A-Za-z0-9._~+/\-]{16,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex KeyLike();

    private static bool LooksSecret(string value) => value.Any(char.IsAsciiLetter) && value.Any(char.IsAsciiDigit);

    [GeneratedRegex(@"(?<name>\b[A-Za-z0-9_]*(?:api[_-]?key|token|secret|password)[""']?\s*[=:]\s*[""']?)(?<value>[^\s""',;()\[\]{}<>]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Setting();
}
