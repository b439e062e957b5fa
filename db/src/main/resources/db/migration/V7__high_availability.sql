-- High availability: how nodes prove they are alive, how far their clocks drift, and how a re-run
-- after a crash points at the run it replaces.

-- Each node holds a PostgreSQL advisory lock (this key) on a session of its own while it lives;
-- the lock vanishes the moment its process dies, which is how peers tell death from a pause.
alter table scheduler_node add column lock_key bigint;
-- The node's clock minus the database's, measured at its latest check-in.
alter table scheduler_node add column skew_millis bigint;

-- A recovery re-run (after its node died, or after a shutdown interrupted it) names the run it
-- replaces, which is ORPHANED or INTERRUPTED.
alter table job_execution add column recovery_of bigint;
create index job_execution_recovery on job_execution (job_name, trigger_name, scheduled_at);
