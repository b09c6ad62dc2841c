// Imported first by each entry (main.tsx, login/main.tsx), before any schema parses. zod would probe
// whether `new Function` works, to compile faster parsers; the CSP forbids eval, and Chromium reports
// the swallowed probe as a violation. The interpreted parsers are fast enough for our bodies.
import { config } from "zod";

config({ jitless: true });
