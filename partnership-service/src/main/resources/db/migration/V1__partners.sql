-- Partner organisations whose AI systems a partnership lets into the company's products.
CREATE TABLE partner (
    id                      uuid PRIMARY KEY,
    legal_name              text        NOT NULL,
    country_of_incorporation char(2)    NOT NULL,
    headquarters_country    char(2)     NOT NULL,
    parent_group            text,
    ownership_notes         text,
    lei                     char(20),
    national_security_access boolean    NOT NULL,
    version                 bigint      NOT NULL,
    created_at              timestamptz NOT NULL,
    created_by              text        NOT NULL,
    updated_at              timestamptz NOT NULL,
    updated_by              text        NOT NULL
);

CREATE UNIQUE INDEX partner_legal_name_key ON partner (lower(legal_name), country_of_incorporation);
