-- The EVALUATOR role (第三方评议员, issue 12): an app_user linked to one evaluator of the pool (ev_evaluator.username).
-- V2's inline CHECK has a generated name that differs between PostgreSQL and H2, so the column is rebuilt under a
-- named constraint (portable; dropping a column drops the constraints on it in both).
alter table app_user add column role_new varchar(16);
update app_user set role_new = role;
alter table app_user drop column role;
alter table app_user rename column role_new to role;
alter table app_user alter column role set not null;
alter table app_user add constraint app_user_role_ck
    check (role in ('ADMIN', 'SCHEDULER', 'LEADER', 'OFFICIAL', 'REVIEWER', 'EVALUATOR'));
