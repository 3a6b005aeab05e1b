using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace TeamBot.Cli.Cluster;

/// <summary>The addresses of the command line's silos and gateways.</summary>
internal static class ClusterAddresses
{
    /// <summary>The gateway port a <c>--cluster</c> without one means, <c>teambot serve</c>'s default.</summary>
    private const int DefaultGatewayPort = 30000;

    /// <summary>Splits <c>host:port</c> (or <c>host</c>, or <c>[v6]:port</c>) into its host and port.</summary>
    public static (string Host, int Port) ParseGateway(string connection)
    {
        int colon = connection.LastIndexOf(':');
        if (colon > 0 && connection.IndexOf(']', StringComparison.Ordinal) < colon && int.TryParse(connection.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            return (connection[..colon].Trim('[', ']'), port);
        }

        return (connection.Trim('[', ']'), DefaultGatewayPort);
    }

    /// <summary>An IP address as given, or the host name's first IPv4 address (silos listen on IPv4), else its first.</summary>
    /// <exception cref="ArgumentException">The host name has no address.</exception>
    public static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out IPAddress? address))
        {
            return address;
        }

        IPAddress[] addresses = Dns.GetHostAddresses(host);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
            ?? addresses.FirstOrDefault()
            ?? throw new ArgumentException($"The host name '{host}' has no address.", nameof(host));
    }

    /// <summary>The machine's first IPv4 address on a network interface that is up, other than loopback; <see langword="null"/> on a loopback-only host.</summary>
    public static IPAddress? NetworkAddress() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
        .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
        .Select(unicast => unicast.Address)
        .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
