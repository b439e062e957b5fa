-- The nodes that have run against this database, with what `status` shows beside Quartz's
-- check-ins (qrtz_scheduler_state): where each runs, which version, since when.
create table scheduler_node (
    node_id    varchar(200) primary key,
    host       varchar(300) not null,
    pid        bigint       not null,
    version    varchar(100) not null,
    started_at timestamp with time zone not null,
    -- Set when the node stopped cleanly; null while it runs or after it died.
    stopped_at timestamp with time zone
);
