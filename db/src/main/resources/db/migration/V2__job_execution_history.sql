-- One row per execution of a job, and one per scheduled fire that did not run.
-- A row is written RUNNING when the job starts and updated with its outcome when it ends;
-- MISSED and SKIPPED rows record fires that never ran, with the reason in `note`.
create table job_execution (
    id               bigint generated always as identity primary key,
    -- Quartz's fired-trigger entry id: identifies the execution across start and end.
    fire_instance_id varchar(120) unique,
    job_name         varchar(200)  not null,
    job_group        varchar(200)  not null,
    trigger_name     varchar(200),
    trigger_group    varchar(200),
    node_id          varchar(200),
    -- The job plus the scheduled fire instant: stable across retries and recovery re-runs.
    run_key          varchar(500)  not null,
    scheduled_at     timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone,
    duration_ms      bigint,
    status           varchar(16)   not null,
    attempt          integer       not null,
    manual           boolean       not null,
    error_class      varchar(300),
    error_message    varchar(4000),
    note             varchar(4000),
    constraint job_execution_status_known check (status in
        ('RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'INTERRUPTED', 'ORPHANED', 'MISSED', 'SKIPPED'))
);

-- `history --job J` newest first, and the last outcome per job in `jobs list`.
create index job_execution_job on job_execution (job_name, id);
-- `history --status S`, and finding RUNNING rows of a node that died.
create index job_execution_status on job_execution (status, node_id);
