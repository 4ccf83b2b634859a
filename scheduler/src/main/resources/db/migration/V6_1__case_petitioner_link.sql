-- The same petitioner across case files: an HMAC of the normalised ID-card number under the server's identity key,
-- without the per-case salt, so that equal numbers give equal links (the salted id_hash cannot be compared). Never
-- returned by the API. Cases filed before this column existed get it the first time the petitioner's identity is
-- checked (check-in at the terminal, an evaluation at the kiosk). Used to recognise a problem raised twice.
alter table case_file add column petitioner_link varchar(64);
create index case_file_petitioner_link_idx on case_file (petitioner_link);
