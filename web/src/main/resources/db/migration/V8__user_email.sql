-- An optional e-mail address per staff user, where notices (lianxin.notification.channel=mail) are sent.
-- Users without one still get notices in the log channel and are skipped, by name, by the e-mail channel.
alter table app_user add column email varchar(254);
