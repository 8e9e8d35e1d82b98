using System.Data.Common;
using Analytics.Grains.Interfaces.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Grains.Hosting;

public static class GridStorageExtensions
{
    /// <summary>
    /// The grid's grain storage: PostgreSQL through Orleans' ADO.NET provider and the scripts in deploy/postgres
    /// when <c>Cluster:Storage</c> is AdoNet, memory otherwise. Shared by the silo host and the tests' silos.
    /// </summary>
    public static ISiloBuilder AddGridStorage(this ISiloBuilder silo, ClusterSettings settings)
    {
        // Grid state is written every checkpoint, whole: Orleans' binary format keeps it compact and fast (the
        // default JSON costs several times more per checkpoint, which the benchmarks showed on memory storage too).
        if (settings.Storage != "AdoNet")
        {
            return silo.AddMemoryGrainStorage(GridOptions.Storage, ob => ob.Configure<Serializer>((o, serializer) =>
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer)));
        }

        // The providers find the driver by its invariant name, which .NET maps to no factory until one is registered.
        DbProviderFactories.RegisterFactory(settings.Invariant, NpgsqlFactory.Instance);
        return silo.AddAdoNetGrainStorage(GridOptions.Storage, ob => ob.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = settings.Invariant;
            o.ConnectionString = settings.ConnectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
    }
}
