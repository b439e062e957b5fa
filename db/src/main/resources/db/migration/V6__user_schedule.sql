-- Per-user schedules: one user's local time for one job, in the user's own time zone. This table
-- is the source of truth; each row is materialised as one trigger of the job in Quartz's store
-- (group `users`, named JOB/USER), with the user id in the trigger's job data.
create table user_schedule (
    user_id    varchar(64)  not null,
    job_name   varchar(200) not null,
    -- The schedule's spec, e.g. `daily 08:00` or `weekly MON,THU@09:00`.
    schedule   varchar(500) not null,
    timezone   varchar(80)  not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    primary key (user_id, job_name)
);

create index user_schedule_job on user_schedule (job_name);
