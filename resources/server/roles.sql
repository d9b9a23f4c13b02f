-- DNND Drafter: the two roles of an office and what each may do, enforced by the server.
-- Run by `dnnd-drafter server setup` (as the owner of the database) after the schema is created;
-- safe to run again. A user is then created by the IT person, e.g.
--   CREATE ROLE nguyenvana LOGIN PASSWORD '...' IN ROLE vanthu;
--   CREATE ROLE tranthib  LOGIN PASSWORD '...' IN ROLE chuyenvien;
-- vanthu (văn thư): issue and cancel numbers, edit profiles and signers, and all chuyenvien may do.
-- chuyenvien (chuyên viên): draft, edit the address book and the recipient lists, read the register.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chuyenvien') THEN
        CREATE ROLE chuyenvien NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vanthu') THEN
        CREATE ROLE vanthu NOLOGIN;
    END IF;
END
$$;

-- nobody else gets anything by default
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;

GRANT USAGE ON SCHEMA public TO chuyenvien, vanthu;

-- both read everything the app keeps
GRANT SELECT ON ALL TABLES IN SCHEMA public TO chuyenvien, vanthu;

-- the address book, the lists and their change log: both edit
GRANT INSERT, UPDATE, DELETE ON recipient, recipient_list, recipient_list_item, recipient_change
    TO chuyenvien, vanthu;
GRANT UPDATE ON change_counter TO chuyenvien, vanthu;

-- the register, the number marks, the profiles and their signers: only the văn thư writes
REVOKE INSERT, UPDATE, DELETE ON register_entry, number_mark, profile, signer FROM chuyenvien;
GRANT INSERT, UPDATE, DELETE ON register_entry, number_mark, profile, signer TO vanthu;

GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO chuyenvien, vanthu;
