-- The node's job threads (node.threads), so that `status` can show how busy each node's pool is.
alter table scheduler_node add column threads integer;
