-- Refusals (403 by role, CSRF) are audited once per source, action and minute; this table counts
-- every refusal of the window so none is lost while the audit log stays small under a flood.
CREATE TABLE "audit_refusal_windows" (
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "refusals" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "audit_refusal_windows_pkey" PRIMARY KEY ("source","action","window_start")
);

-- Keys the server generates for itself, e.g. the key of the keyed hash of unknown sign-in emails.
-- The server creates each key on first use, so a database that was only migrated stays empty (restore).
CREATE TABLE "server_keys" (
    "name" TEXT NOT NULL,
    "key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "server_keys_pkey" PRIMARY KEY ("name")
);
