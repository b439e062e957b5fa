-- Since when each node has been connected without a break. The cluster counts as up since the
-- earliest of its live nodes; a fire that came due before that missed its time (downtime) and
-- follows its job's catch-up policy, while one due later and merely late (a busy cluster) runs.
alter table scheduler_node add column up_since timestamp with time zone;
update scheduler_node set up_since = started_at;
