// Accounts for a scenario, written straight into its database with the app's own password hashing
// (scenarios test the API under faults, not account set-up). One password for all, hashed once:
// argon2id at ASVS parameters costs tens of ms a hash, and a load run needs a hundred accounts.
import type { Role } from "@ipt/shared";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../../src/auth/passwords";
import { createPrismaClient, type PrismaClient } from "../../src/db/prisma";
import { required } from "../../src/errors/required";

export interface Account {
  id: string;
  email: string;
  password: string;
  role: Role;
}

export interface Accounts {
  therapists: Account[];
  supervisors: Account[];
  admins: Account[];
}

/** Runs `work` with a Prisma client on `databaseUrl` (one connection), then disconnects. */
export async function withPrisma<T>(databaseUrl: string, work: (prisma: PrismaClient) => Promise<T>) {
  const prisma = createPrismaClient(databaseUrl, 1);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * Creates active accounts that need no password change. With `supervise`, supervisor i is assigned
 * to every therapist t with t % supervisors === i (so each therapist has one supervisor).
 */
export async function createAccounts(
  databaseUrl: string,
  counts: { therapists?: number; supervisors?: number; admins?: number; supervise?: boolean },
): Promise<Accounts> {
  // Random per run: no fixed password in the repository, and none on a common-password list.
  const password = `resilience-${randomBytes(12).toString("base64url")}`;
  const passwordHash = await hashPassword(password);
  const run = randomBytes(4).toString("hex");
  return withPrisma(databaseUrl, async (prisma) => {
    // These invented accounts sign in with a password only (as the demo's do, decision 021): no role
    // must have a second factor, unless a scenario saved its own sign-in settings first.
    await prisma.signInSettings.upsert({
      where: { id: 1 },
      create: { id: 1, mfaRequiredRoles: [], stepUpMinutes: 15 },
      update: {},
    });
    const make = async (role: Role, count: number) => {
      const accounts: Account[] = [];
      for (let index = 0; index < count; index++) {
        const email = `${role}.${index}.${run}@resilience.test`;
        const user = await prisma.user.create({
          data: { email, name: `Resilience ${role} ${index}`, role, passwordHash, mustChangePassword: false },
          select: { id: true },
        });
        accounts.push({ id: user.id, email, password, role });
      }
      return accounts;
    };
    const accounts = {
      therapists: await make("therapist", counts.therapists ?? 0),
      supervisors: await make("supervisor", counts.supervisors ?? 0),
      admins: await make("admin", counts.admins ?? 0),
    };
    if (counts.supervise && accounts.supervisors.length > 0) {
      await prisma.supervisionAssignment.createMany({
        data: accounts.therapists.map((therapist, index) => ({
          therapistId: therapist.id,
          supervisorId: required(accounts.supervisors[index % accounts.supervisors.length], "a supervisor")
            .id,
        })),
      });
    }
    return accounts;
  });
}
