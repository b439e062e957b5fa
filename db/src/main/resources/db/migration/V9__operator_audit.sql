-- Every operator action (pause, resume, trigger, user schedules, repairs): who, from where, what,
-- when and why. Written by the operator commands; read by `scheduler audit`.
create table operator_audit (
    id          bigint generated always as identity primary key,
    at          timestamp with time zone not null,
    -- The operating-system user and host the command ran as and on.
    os_user     varchar(200)  not null,
    host        varchar(300)  not null,
    action      varchar(50)   not null,
    -- What it acted on: job names, a group, a user id.
    target      varchar(2000) not null,
    reason      varchar(1000),
    -- Anything else worth keeping: the pause's end, the run's trigger, the number of schedules.
    details     varchar(2000)
);

create index operator_audit_at on operator_audit (at);
