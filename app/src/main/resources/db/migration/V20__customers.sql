-- Customer accounts (module customer). Emails are stored lower-cased; the unique index on lower(email) also
-- guards rows written by hand, and is what the first-admin upsert conflicts on.
CREATE TABLE customers
(
  id                UUID        NOT NULL PRIMARY KEY,
  email             TEXT        NOT NULL,
  name              TEXT        NOT NULL,
  password_hash     TEXT        NOT NULL, -- Spring Security's delegating format: {bcrypt}$2a$...
  referral_code     TEXT        NOT NULL,
  referred_by       UUID REFERENCES customers (id),
  registered_at     TIMESTAMPTZ NOT NULL,
  last_signed_in_at TIMESTAMPTZ,
  version           BIGINT      NOT NULL
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));
CREATE UNIQUE INDEX customers_referral_code_key ON customers (referral_code);

CREATE TABLE customer_roles
(
  customer_id UUID NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  role        TEXT NOT NULL CHECK (role IN ('CUSTOMER', 'ADMIN')),
  PRIMARY KEY (customer_id, role)
);

CREATE TABLE customer_addresses
(
  customer_id UUID NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position    INT  NOT NULL,
  name        TEXT NOT NULL,
  line1       TEXT NOT NULL,
  city        TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  country     TEXT NOT NULL,
  PRIMARY KEY (customer_id, position)
);
