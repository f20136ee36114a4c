-- A change that widens an ACTIVE or SUSPENDED partnership's data policy is proposed, then approved or rejected
-- by a second partnership manager; each step is a revision of its own (the proposal lives in the snapshot).
ALTER TABLE partnership_revision DROP CONSTRAINT partnership_revision_kind_check;
ALTER TABLE partnership_revision ADD CONSTRAINT partnership_revision_kind_check CHECK (kind IN
    ('CREATED', 'UPDATED', 'TRANSITIONED', 'CHANGE_PROPOSED', 'CHANGE_APPROVED', 'CHANGE_REJECTED'));
