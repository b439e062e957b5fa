-- A job an operator paused. Quartz keeps pauses per trigger; this row makes the pause a property
-- of the job, so that triggers added while it is paused (a changed schedule, a new per-user
-- schedule) start paused too, and so that the pause can say who, when and why.
create table job_pause (
    job_name   varchar(200) primary key,
    job_group  varchar(200) not null,
    paused_at  timestamp with time zone not null,
    paused_by  varchar(300) not null,
    reason     varchar(1000),
    -- When set, the pause ends by itself at this instant.
    resume_at  timestamp with time zone
);
