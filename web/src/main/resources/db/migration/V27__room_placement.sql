-- Room placement (issue 14): the live room <room id> is owned by the instance holding the lease 'room:<room id>' in
-- cluster_lease (same acquire/renew/epoch rules as the cluster-wide jobs). node is the holder's public name — its
-- lianxin.recording.instance-id, which is also its HAProxy server name — so that another instance can tell a browser
-- where to connect (/ws/signaling?room=<id>&node=<node>). Null for the jobs' leases taken by an older version.
alter table cluster_lease add column node varchar(100);
