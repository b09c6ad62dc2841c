-- Multi-factor sign-in (issue 17, docs/decisions/021): a TOTP factor per user (secret sealed with
-- AES-256-GCM under a server key), one-time recovery codes held as SHA-256, and a login session that
-- waits for its second factor before it reaches anything else.
ALTER TABLE "users" ADD COLUMN "factors_reset_at" TIMESTAMPTZ(3);

ALTER TABLE "login_sessions" ADD COLUMN "second_factor_pending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "second_factor_at" TIMESTAMPTZ(3),
ADD COLUMN "enrolment_required" BOOLEAN NOT NULL DEFAULT false;

-- No row until an admin saves them: a new deployment requires a factor of every role.
CREATE TABLE "sign_in_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "mfa_required_roles" "Role"[],
    "step_up_minutes" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by_id" UUID,

    CONSTRAINT "sign_in_settings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "totp_factors" (
    "user_id" UUID NOT NULL,
    "secret_sealed" BYTEA NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "last_used_step" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "totp_factors_pkey" PRIMARY KEY ("user_id")
);

CREATE TABLE "recovery_codes" (
    "code_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recovery_codes_pkey" PRIMARY KEY ("code_hash")
);

CREATE INDEX "recovery_codes_user_id_idx" ON "recovery_codes"("user_id");

ALTER TABLE "totp_factors" ADD CONSTRAINT "totp_factors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
