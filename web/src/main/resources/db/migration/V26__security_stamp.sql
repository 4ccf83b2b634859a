-- A role change, a disabling or a password change ends the account's browser sessions on every app instance at the
-- next request: the change bumps security_stamp in its own transaction, a session keeps the stamp it logged in with,
-- and each authenticated request compares the two (a read by primary key).
alter table app_user add column security_stamp bigint default 0 not null;
