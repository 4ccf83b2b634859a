-- Issue 13: the claim scanned every pending delivery (and, before the table's first ANALYZE, probed each one's case
-- through webhook_delivery_log_idx, i.e. every earlier delivery of the endpoint): seconds per claim with a few thousand
-- pending. A delivery is now marked as its case's head (the first PENDING one of its endpoint and case, or one without
-- a case) and the claim walks only heads, in due order, through webhook_delivery_claim_idx. Kept by the emit (a new
-- delivery is the head if no delivery of its case is pending), by the dispatcher (when a delivery stops being PENDING
-- the next pending one of its case becomes the head) and by a re-send. Portable SQL (PostgreSQL and H2).
alter table webhook_delivery add column case_head boolean default true not null;
update webhook_delivery set case_head = false
 where state = 'PENDING' and case_key is not null
   and exists (select 1 from webhook_delivery p where p.endpoint_id = webhook_delivery.endpoint_id
                and p.case_key = webhook_delivery.case_key and p.state = 'PENDING' and p.id < webhook_delivery.id);
create index webhook_delivery_claim_idx on webhook_delivery (state, case_head, next_attempt_at, id);
