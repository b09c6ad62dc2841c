// Test-only ways to move sign-in state without waiting, through the worker's own database (never a
// route of the app): an old last second-factor check, as if the step-up window had passed.
import pg from "pg";

/** Sets when each of the account's sessions last passed a second factor to `minutes` ago. */
export async function ageSecondFactorCheck(databaseUrl: string, email: string, minutes: number) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      `UPDATE login_sessions SET second_factor_at = now() - make_interval(mins => $2)
       WHERE user_id = (SELECT id FROM users WHERE email = $1) AND second_factor_at IS NOT NULL`,
      [email, minutes],
    );
    if (!rowCount) throw new Error(`no checked session of ${email} to age`);
  } finally {
    await client.end();
  }
}
