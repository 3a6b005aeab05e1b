using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace TeamBot.Orleans.Clustering;

/// <summary>A client's list of gateways: the active silos in <c>teambot_membership</c> that accept clients.</summary>
internal sealed class PostgresGatewayListProvider(TeamBotPostgresDataSource dataSource, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateways) : IGatewayListProvider
{
    private readonly PostgresMembershipTable _table = new(dataSource, cluster);

    public TimeSpan MaxStaleness => gateways.Value.GatewayListRefreshPeriod;

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        MembershipTableData data = await _table.ReadAll().ConfigureAwait(false);
        return data.Members
            .Select(member => member.Item1)
            .Where(entry => entry.Status == SiloStatus.Active && entry.ProxyPort > 0)
            .Select(entry => SiloAddress.New(new IPEndPoint(entry.SiloAddress.Endpoint.Address, entry.ProxyPort), entry.SiloAddress.Generation).ToGatewayUri())
            .ToList();
    }
}
