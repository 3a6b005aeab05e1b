-- TeamBot's tables on PostgreSQL: the grain state (a run's state in the orchestration_state.json format), the run
-- index (one row per run) and the cluster membership. The silos create them on start when they are missing. To create
-- them ahead, as a role with create rights, for silos whose role has only DML rights:
--   psql "$CONNECTION" -f deploy/postgresql/teambot.sql
--   grant select, insert, update, delete on teambot_grain_state, teambot_runs, teambot_membership_version, teambot_membership to teambot;
-- and start the silos with --no-create-schema (TeamBotPostgresOptions.CreateSchema = false); a silo that finds every
-- table issues no DDL either way.
-- Kept equal to PostgresJsonStateBackend.Schema, PostgresRunIndex.Schema and PostgresMembershipTable.Schema by a test.

create table if not exists teambot_grain_state (
    key text primary key,
    version bigint not null,
    state json not null,
    updated timestamptz not null default now()
);

create table if not exists teambot_runs (
    service_id text not null,
    run_id text not null,
    position bigint generated always as identity,
    finished boolean not null default false,
    submitted timestamptz not null default now(),
    primary key (service_id, run_id)
);
create index if not exists teambot_runs_by_position on teambot_runs (service_id, position);
create index if not exists teambot_runs_unfinished on teambot_runs (service_id, position) where not finished;

create table if not exists teambot_membership_version (
    cluster_id text primary key,
    version integer not null,
    etag bigint not null
);
create table if not exists teambot_membership (
    cluster_id text not null,
    silo text not null,
    etag bigint not null,
    entry json not null,
    i_am_alive timestamptz not null,
    primary key (cluster_id, silo)
);
