-- The files of a published disclosure, rendered once when it is published and served byte for byte ever after: the
-- CSV, the PDF (which carries report.json and report.json.jws inside), and the signed manifest that lists the
-- SHA-256 of each file. A draft has none of them (its CSV and PDF are rendered when asked for).
ALTER TABLE disclosure
    ADD COLUMN csv                bytea,
    ADD COLUMN pdf                bytea,
    ADD COLUMN manifest           bytea,
    ADD COLUMN manifest_signature text;

-- The guard of V1, now holding these columns too: once published, they never change.
CREATE OR REPLACE FUNCTION disclosure_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'disclosure % is %: published disclosures are never deleted', OLD.id, OLD.status
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF NEW.id IS DISTINCT FROM OLD.id OR NEW.jurisdiction IS DISTINCT FROM OLD.jurisdiction
            OR NEW.period_start IS DISTINCT FROM OLD.period_start OR NEW.period_end IS DISTINCT FROM OLD.period_end
            OR NEW.version IS DISTINCT FROM OLD.version OR NEW.template IS DISTINCT FROM OLD.template
            OR NEW.template_version IS DISTINCT FROM OLD.template_version OR NEW.rule_set IS DISTINCT FROM OLD.rule_set
            OR NEW.partnership_ids IS DISTINCT FROM OLD.partnership_ids
            OR NEW.checkpoint_size IS DISTINCT FROM OLD.checkpoint_size
            OR NEW.previous_id IS DISTINCT FROM OLD.previous_id OR NEW.report IS DISTINCT FROM OLD.report
            OR NEW.digest IS DISTINCT FROM OLD.digest OR NEW.signature IS DISTINCT FROM OLD.signature
            OR NEW.key_id IS DISTINCT FROM OLD.key_id OR NEW.authored_by IS DISTINCT FROM OLD.authored_by
            OR NEW.created_at IS DISTINCT FROM OLD.created_at OR NEW.published_by IS DISTINCT FROM OLD.published_by
            OR NEW.published_at IS DISTINCT FROM OLD.published_at OR NEW.supersedes IS DISTINCT FROM OLD.supersedes
            OR NEW.csv IS DISTINCT FROM OLD.csv OR NEW.pdf IS DISTINCT FROM OLD.pdf
            OR NEW.manifest IS DISTINCT FROM OLD.manifest
            OR NEW.manifest_signature IS DISTINCT FROM OLD.manifest_signature THEN
        RAISE EXCEPTION 'disclosure % is %: its content never changes', OLD.id, OLD.status
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'SUPERSEDED' AND NEW.superseded_by IS NOT NULL
            AND NEW.withdrawn_at IS NULL THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'WITHDRAWN' AND NEW.withdrawn_at IS NOT NULL
            AND NEW.withdrawal_reason IS NOT NULL AND NEW.superseded_by IS NULL THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'disclosure % is %: the only changes left are PUBLISHED to SUPERSEDED or WITHDRAWN', OLD.id, OLD.status
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
