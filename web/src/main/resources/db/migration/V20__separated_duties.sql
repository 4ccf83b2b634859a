-- 三员分立 (issue 13): two more roles, the auditor (AUDITOR) and the security administrator (SECURITY_ADMIN), beside the
-- system administrator (ADMIN). No user holds two of the three: app_user.duty remembers the first of them an account
-- held and is never cleared, and an account whose role is one of the three must hold it as its duty (rows inserted
-- before this column, or by hand, have none: the application then takes the role itself as the duty).
alter table app_user drop constraint app_user_role_ck;
alter table app_user add constraint app_user_role_ck
    check (role in ('ADMIN', 'SCHEDULER', 'LEADER', 'OFFICIAL', 'REVIEWER', 'EVALUATOR', 'AUDITOR', 'SECURITY_ADMIN'));
alter table app_user add column duty varchar(16);
update app_user set duty = role where role = 'ADMIN';
alter table app_user add constraint app_user_duty_ck
    check (duty is null or (duty in ('ADMIN', 'AUDITOR', 'SECURITY_ADMIN')
        and (role not in ('ADMIN', 'AUDITOR', 'SECURITY_ADMIN') or role = duty)));
