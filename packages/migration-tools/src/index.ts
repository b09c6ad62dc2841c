export {
  readRepoSchema,
  repoSchemaPath,
  sqlBetweenSchemas,
  sqlForSchema,
  toPrisma6Schema,
} from "./prisma-diff";
