using System;
using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamBot.Telemetry;

namespace TeamBot.Hosting.Commands;

/// <summary>Logs (<c>--verbose</c>) and OpenTelemetry export (<c>--telemetry console</c>) for one command.</summary>
internal sealed class Diagnostics : IDisposable
{
    private readonly TracerProvider? _tracer;
    private readonly MeterProvider? _meter;

    public Diagnostics(ParseResult parse, Option<bool> verbose, Option<string?> telemetry)
    {
        LoggerFactory = parse.GetValue(verbose)
            ? Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging
                .SetMinimumLevel(LogLevel.Debug)
                .AddSimpleConsole(console => console.TimestampFormat = "HH:mm:ss ")
                .AddFilter("TeamBot", LogLevel.Debug))
            : NullLoggerFactory.Instance;
        if (parse.GetValue(telemetry) == "console")
        {
            _tracer = Sdk.CreateTracerProviderBuilder().AddSource(WorkflowTelemetry.Name).AddConsoleExporter().Build();
            _meter = Sdk.CreateMeterProviderBuilder().AddMeter(WorkflowTelemetry.Name).AddConsoleExporter().Build();
        }
    }

    public ILoggerFactory LoggerFactory { get; }

    public void Dispose()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        LoggerFactory.Dispose();
    }
}
