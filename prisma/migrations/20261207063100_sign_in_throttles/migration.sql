-- Throttled sign-in replaces the lock-out (issue 17): failures are counted per account, per source
-- address and per known device in PostgreSQL, so every API instance applies the same delays.
CREATE TABLE "sign_in_throttles" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "blocked_until" TIMESTAMPTZ(3),

    CONSTRAINT "sign_in_throttles_pkey" PRIMARY KEY ("key")
);

-- Browsers that have signed in to an account: their own failures count, not other sources'.
CREATE TABLE "known_devices" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "known_devices_pkey" PRIMARY KEY ("token_hash")
);

CREATE INDEX "known_devices_user_id_idx" ON "known_devices"("user_id");

ALTER TABLE "known_devices" ADD CONSTRAINT "known_devices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A lock-out still running is carried over as a throttle, so no account opens early.
INSERT INTO "sign_in_throttles" ("key", "failures", "last_failure_at", "blocked_until")
SELECT 'user:' || "id", "failed_login_count", CURRENT_TIMESTAMP, "locked_until"
FROM "users" WHERE "locked_until" > CURRENT_TIMESTAMP OR "failed_login_count" > 0;

ALTER TABLE "users" DROP COLUMN "failed_login_count",
DROP COLUMN "locked_until";
