-- TeamBot's grain state on PostgreSQL: one row per grain state, the run's state in the orchestration_state.json format.
-- The silos create it on start (PostgresJsonStateBackend.EnsureSchemaAsync); apply it by hand with:
--   psql "$CONNECTION" -f deploy/postgresql/teambot.sql
create table if not exists teambot_grain_state (
    key text primary key,
    version bigint not null,
    state json not null,
    updated timestamptz not null default now()
);
