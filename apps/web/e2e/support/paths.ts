import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const apiDir = path.resolve(here, "../../../api");
export const tsxBin = path.join(apiDir, "node_modules", ".bin", "tsx");
