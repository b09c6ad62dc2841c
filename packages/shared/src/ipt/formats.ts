// Course-format and manual-lineage presets: the bounds the planner enforces.
import type { SourceTag } from "./sources";
import type { CourseFormat, Lineage, ProblemArea } from "./vocabulary";

export interface FormatPreset {
  label: string;
  minSessions: number;
  maxSessions: number;
  defaultSessions: number;
  /** IPT-B opens with one engagement session before the IPT sessions. */
  engagementSession: boolean;
  /** Sessions in the initial phase, the engagement session included. */
  initialSessions: number;
  defaultSessionMinutes: number;
  minSessionMinutes: number;
  maxSessionMinutes: number;
  sources: SourceTag[];
  note: string;
}

export const formatPresets: Record<CourseFormat, FormatPreset> = {
  standard: {
    label: "Standard IPT",
    minSessions: 12,
    maxSessions: 16,
    defaultSessions: 12,
    engagementSession: false,
    initialSessions: 3,
    defaultSessionMinutes: 50,
    minSessionMinutes: 45,
    maxSessionMinutes: 50,
    sources: ["S10a", "S6", "S7", "S21b"],
    note: "12–16 weekly sessions of 45–50 minutes, with the time limit set at the outset. The initial phase is 3 sessions.",
  },
  ipt_b: {
    label: "Brief IPT (IPT-B)",
    minSessions: 9,
    maxSessions: 9,
    defaultSessions: 9,
    engagementSession: true,
    initialSessions: 3,
    defaultSessionMinutes: 50,
    minSessionMinutes: 45,
    maxSessionMinutes: 50,
    sources: ["S21a", "S21b", "S10a"],
    note:
      "One engagement session followed by 8 IPT sessions; the initial phase takes 2 sessions instead of 3. " +
      "The sources at hand give no IPT-B session length, so the standard 45–50 minutes is the default.",
  },
  ipt_a: {
    label: "IPT for adolescents (IPT-A)",
    minSessions: 12,
    maxSessions: 16,
    defaultSessions: 12,
    engagementSession: false,
    initialSessions: 3,
    defaultSessionMinutes: 45,
    minSessionMinutes: 35,
    maxSessionMinutes: 50,
    sources: ["S20a", "S10c", "S20c"],
    note:
      "12 weekly sessions (ISIPT: 12–16) of 35–50 minutes. Parents are encouraged to take part at session 1, " +
      "in one middle session and at the end. The sources at hand do not confirm how IPT-A sessions split into " +
      "phases, so the planner uses the standard rule: 3 initial sessions, termination 2–4 sessions before the end.",
  },
};

export interface LineagePreset {
  label: string;
  problemAreas: ProblemArea[];
  /** Stuart & Robertson treat interpersonal sensitivity as a style that complicates an area. */
  sensitivityModifier: boolean;
  sources: SourceTag[];
}

export const lineagePresets: Record<Lineage, LineagePreset> = {
  weissman: {
    label: "Weissman, Markowitz & Klerman (four problem areas)",
    problemAreas: ["grief", "role_dispute", "role_transition", "interpersonal_deficits"],
    sensitivityModifier: false,
    sources: ["S10a", "S1a"],
  },
  stuart: {
    label: "Stuart & Robertson (three problem areas)",
    problemAreas: ["grief", "role_dispute", "role_transition"],
    sensitivityModifier: true,
    sources: ["S11a", "S11c"],
  },
};

/** Termination is raised explicitly 2–4 sessions before the last one [S4]. */
export const TERMINATION_LEAD = { min: 2, max: 4, default: 2 } as const;
export const terminationLeadSources: SourceTag[] = ["S4"];

/**
 * A maintenance contract (IPT-M) after a completed acute course [S1a][S4][S11b]. Trials gave maintenance
 * IPT weekly for 6 months, or monthly for 3 years [S4][S27c][S27d]; the sources set no contract length.
 * **Project synthesis:** a contract of 6–12 sessions (half a year to a year at monthly sessions), which a
 * further maintenance contract can follow; monthly by default; the session length of the course's format.
 */
export const MAINTENANCE_CONTRACT = {
  label: "Maintenance IPT",
  minSessions: 6,
  maxSessions: 12,
  defaultSessions: 6,
  defaultFrequency: "monthly",
  sources: ["S1a", "S4", "S11b", "S27c", "S27d"] satisfies SourceTag[],
  note:
    "Maintenance starts under a new contract after the acute course. Trials gave it weekly for 6 months or " +
    "monthly for 3 years. This planner's contract of 6–12 sessions is a project synthesis, not a published " +
    "standard; a further maintenance contract can follow.",
} as const;
