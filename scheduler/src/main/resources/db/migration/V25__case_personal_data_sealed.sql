-- The full ID-card and phone numbers of a case file, encrypted (AES-256-GCM under the personal-data key, its key id in
-- the value: "lxc1:<key id>:<base64url>"), beside the masked forms and the salted hash. Shown only on request with a
-- reason, which is audited (POST /api/v1/cases/{id}/personal-data). Case files written before this column existed
-- have null here: their full numbers were never stored, and they are not recoverable from the hash.
alter table case_file add column id_sealed varchar(200);
alter table case_file add column phone_sealed varchar(200);
