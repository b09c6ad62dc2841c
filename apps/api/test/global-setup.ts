// Once per integration run: a PostgreSQL, and a template database with every migration applied.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../src/db/migrations";
import { repoRoot } from "../src/config/config";
import { adminQuery, quoteIdent, startTestCluster, storeTestSignInSettings } from "./helpers/test-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { adminUrl: string; template: string; urlTemplate: string };
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster();
  const template = `ipt_template_${process.pid}_${Date.now()}`;
  const adminUrl = cluster.urlFor("postgres");
  await adminQuery(adminUrl, `CREATE DATABASE ${quoteIdent(template)}`);
  await applyMigrations(cluster.urlFor(template), path.join(repoRoot, "prisma", "migrations"));
  await storeTestSignInSettings(cluster.urlFor(template));
  project.provide("testDatabase", { adminUrl, template, urlTemplate: cluster.urlFor("__DB__") });

  return async () => {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`).catch(
      () => {},
    );
    await cluster.stop();
  };
}
