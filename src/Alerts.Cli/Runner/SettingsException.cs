namespace Alerts.Cli.Runner;

/// <summary>A setting or settings file the runner cannot use; reported as one line and a non-zero exit.</summary>
internal sealed class SettingsException(string message) : Exception(message);
