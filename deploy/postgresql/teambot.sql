-- TeamBot's tables on PostgreSQL: the grain state (a run's state in the orchestration_state.json format) and the
-- cluster membership. The silos create them on start; to create them ahead, for a role without DDL rights at run time:
--   psql "$CONNECTION" -f deploy/postgresql/teambot.sql
-- Kept equal to PostgresJsonStateBackend.Schema and PostgresMembershipTable.Schema by a test.

create table if not exists teambot_grain_state (
    key text primary key,
    version bigint not null,
    state json not null,
    updated timestamptz not null default now()
);

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
