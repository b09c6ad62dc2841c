import type { FhirImportRequest, FhirImportResponse } from "@ipt/shared";
import type { Actor } from "../clinical/access";
import type { PrismaClient } from "../db/prisma";
export async function importCourse(_p: PrismaClient, _a: Actor, _r: FhirImportRequest): Promise<FhirImportResponse> {
  throw new Error("not yet");
}
