-- Requests in from the petition information system (web.integration): the webhook-id of each one carried out,
-- recorded in the transaction of its change, so that a replay within the timestamp tolerance is refused. Rows older
-- than twice the tolerance are deleted as new ones come. Portable SQL: PostgreSQL and H2.
create table integration_inbound_message (
    msg_id      varchar(100)             not null primary key,
    received_at timestamp with time zone not null
);
create index integration_inbound_message_at_idx on integration_inbound_message (received_at);
