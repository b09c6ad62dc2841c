// What the log scan looks for: the secrets tests handled (noted by sink.ts) and the marks of
// secrets in general — session cookies, password hashes, and the invented note text of the tests.
import { SESSION_COOKIE } from "../../plugins/auth";

/** Literal marks of clinical note text: the fixture world's invented names and places (world.ts),
 * and "Invented", which starts the demo caseload's texts. */
export const NOTE_TEXT_MARKS = [
  "Invented",
  "Quillfeather",
  "Harrowgate",
  "Brackwater",
  "Fenwick",
  "Marwick",
  "Tallowmere",
];

const PATTERNS: [string, RegExp][] = [
  ["a session cookie", new RegExp(`${SESSION_COOKIE}=[A-Za-z0-9_-]`)],
  ["a password hash", /\$argon2(id|i|d)\$/],
];

export interface Finding {
  file: string;
  line: number;
  what: string;
}

/** Secrets shorter than this are not looked for: they would match ids and words by chance. */
const MIN_SECRET_LENGTH = 12;

/** Every line of `text` that carries a secret, a pattern or a note-text mark. */
export function findSecrets(file: string, text: string, secrets: Iterable<string>): Finding[] {
  const literals = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH);
  const findings: Finding[] = [];
  text.split("\n").forEach((content, index) => {
    const line = index + 1;
    for (const secret of literals) {
      if (content.includes(secret)) findings.push({ file, line, what: `the secret "${secret}"` });
    }
    for (const mark of NOTE_TEXT_MARKS) {
      if (content.includes(mark)) findings.push({ file, line, what: `note text ("${mark}")` });
    }
    for (const [what, pattern] of PATTERNS) {
      if (pattern.test(content)) findings.push({ file, line, what });
    }
  });
  return findings;
}
