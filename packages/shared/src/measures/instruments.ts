// The instruments: PHQ-9 and GAD-7 item texts, answer options, the unscored difficulty question,
// severity bands and codes, and the HAM-D-17 as a clinician-entered total. Wording and figures:
// docs/clinical-reference.md §6. PHQ-9 and GAD-7 may be reproduced without permission if the
// wording is unaltered and the attribution line is shown [PHQ-form]; the HAM-D is public domain but
// clinician-rated, so only its total is entered. No EPDS or BDI-II text is held here: both are
// copyrighted and need a licence.
import type { SourceTag } from "../ipt/sources";
import { HAMD17_MAX, type DifficultyLevel, type Instrument } from "./vocabulary";

/** A short text for clinicians with the sources it rests on. */
export interface MeasureNote {
  text: string;
  sources: SourceTag[];
}

export interface InstrumentItem {
  /** 1-based item number as printed on the form. */
  number: number;
  text: string;
  /** LOINC code of the item, where the sources give one (PHQ-9 only). */
  loinc: string | null;
}

export interface AnswerOption {
  value: 0 | 1 | 2 | 3;
  label: string;
  /** LOINC answer code, where the sources give one (PHQ-9 only, from the US Core questionnaire). */
  loinc: string | null;
}

export interface DifficultyOption {
  level: DifficultyLevel;
  label: string;
}

/** The unscored question at the foot of the PHQ-9 and GAD-7 forms: stored, never added to the total. */
export interface DifficultyQuestion {
  text: string;
  options: DifficultyOption[];
  loinc: string | null;
}

export interface SeverityBand {
  /** Stable key for code and storage. */
  key: "minimal" | "mild" | "moderate" | "moderately_severe" | "severe" | "normal" | "very_severe";
  label: string;
  min: number;
  max: number;
}

export interface InstrumentDefinition {
  id: Instrument;
  /** Short name shown everywhere ("PHQ-9"). */
  name: string;
  title: string;
  /** "items": the client answers each item and the app adds them up; "total": the clinician enters the total. */
  entry: "items" | "total";
  /** The form's question stem; null for a clinician-entered total. */
  stem: string | null;
  items: InstrumentItem[];
  answerOptions: AnswerOption[];
  difficulty: DifficultyQuestion | null;
  min: number;
  max: number;
  /** Caveat about the range, when the sources disagree on it. */
  rangeNote: string | null;
  bands: SeverityBand[];
  bandSources: SourceTag[];
  /** Caveat about the bands, when they are not standardised. */
  bandsNote: string | null;
  /** Attribution line to show with the form, verbatim; null when none is required. */
  attribution: string | null;
  /** LOINC code of the total score, where one is known. */
  loincTotal: string | null;
  sources: SourceTag[];
}

/** The footer of the Pfizer PHQ-9 and GAD-7 forms, verbatim [PHQ-form]. Show it with either form. */
export const PHQ_ATTRIBUTION =
  "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational " +
  "grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

/** 0–3 answers shared by PHQ-9 and GAD-7. GAD-7's lowest option is "Not at all", never "Not at all sure". */
const answerLabels = ["Not at all", "Several days", "More than half the days", "Nearly every day"] as const;
/** US Core / LOINC answer codes for the PHQ-9 options [PHQ-form]. */
const phq9AnswerCodes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"] as const;

const answerOptions = (codes: readonly string[] | null): AnswerOption[] =>
  answerLabels.map((label, value) => ({
    value: value as AnswerOption["value"],
    label,
    loinc: codes?.[value] ?? null,
  }));

const difficultyOptions: DifficultyOption[] = [
  { level: "not_difficult", label: "Not difficult at all" },
  { level: "somewhat", label: "Somewhat difficult" },
  { level: "very", label: "Very difficult" },
  { level: "extremely", label: "Extremely difficult" },
];

const item = (number: number, text: string, loinc: string | null = null): InstrumentItem => ({
  number,
  text,
  loinc,
});

export const instrumentDefinitions: Record<Instrument, InstrumentDefinition> = {
  phq9: {
    id: "phq9",
    name: "PHQ-9",
    title: "Patient Health Questionnaire-9",
    entry: "items",
    stem: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    // Pfizer-form wording [PHQ-form], with its em dashes and the "noticed?" form of item 8
    // (US Core prints "noticed."). Check against the phqscreeners.com PDF before shipping.
    items: [
      item(1, "Little interest or pleasure in doing things", "44250-9"),
      item(2, "Feeling down, depressed, or hopeless", "44255-8"),
      item(3, "Trouble falling or staying asleep, or sleeping too much", "44259-0"),
      item(4, "Feeling tired or having little energy", "44254-1"),
      item(5, "Poor appetite or overeating", "44251-7"),
      item(
        6,
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "44258-2",
      ),
      item(
        7,
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "44252-5",
      ),
      item(
        8,
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety " +
          "or restless that you have been moving around a lot more than usual",
        "44253-3",
      ),
      item(9, "Thoughts that you would be better off dead or of hurting yourself in some way", "44260-8"),
    ],
    answerOptions: answerOptions(phq9AnswerCodes),
    difficulty: {
      text:
        "If you checked off any problems, how difficult have these problems made it for you to do your work, " +
        "take care of things at home, or get along with other people?",
      options: difficultyOptions,
      // Question LOINC 69722-7 is confirmed; of its answer codes only "Somewhat difficult" (LA6573-5) is,
      // so no answer codes are held.
      loinc: "69722-7",
    },
    min: 0,
    max: 27,
    rangeNote: null,
    bands: [
      { key: "minimal", label: "Minimal", min: 0, max: 4 },
      { key: "mild", label: "Mild", min: 5, max: 9 },
      { key: "moderate", label: "Moderate", min: 10, max: 14 },
      { key: "moderately_severe", label: "Moderately severe", min: 15, max: 19 },
      { key: "severe", label: "Severe", min: 20, max: 27 },
    ],
    // LOINC 44261-6's description says "1-4 = Minimal", a quirk; Kroenke and LL382-3 use 0–4.
    bandSources: ["S25d", "Kroenke-2001"],
    bandsNote: null,
    attribution: PHQ_ATTRIBUTION,
    loincTotal: "44261-6",
    sources: ["PHQ-form", "S25a", "S25d", "Kroenke-2001"],
  },
  gad7: {
    id: "gad7",
    name: "GAD-7",
    title: "Generalized Anxiety Disorder 7-item scale",
    entry: "items",
    stem: "Over the last 2 weeks, how often have you been bothered by the following problems?",
    // Pfizer-form wording [PHQ-form]. Some copies read "anxious, or on edge" (item 1) or put a comma
    // after "afraid" (item 7); check against the phqscreeners.com PDF before shipping.
    items: [
      item(1, "Feeling nervous, anxious or on edge"),
      item(2, "Not being able to stop or control worrying"),
      item(3, "Worrying too much about different things"),
      item(4, "Trouble relaxing"),
      item(5, "Being so restless that it is hard to sit still"),
      item(6, "Becoming easily annoyed or irritable"),
      item(7, "Feeling afraid as if something awful might happen"),
    ],
    answerOptions: answerOptions(null),
    difficulty: {
      // [U] Copies differ between "these made it" and "these problems made it"; the form wording is used.
      // Check against the phqscreeners.com PDF before shipping.
      text:
        "If you checked off any problems, how difficult have these made it for you to do your work, take care " +
        "of things at home, or get along with other people?",
      options: difficultyOptions,
      loinc: null,
    },
    min: 0,
    max: 21,
    rangeNote: null,
    bands: [
      { key: "minimal", label: "Minimal", min: 0, max: 4 },
      { key: "mild", label: "Mild", min: 5, max: 9 },
      { key: "moderate", label: "Moderate", min: 10, max: 14 },
      { key: "severe", label: "Severe", min: 15, max: 21 },
    ],
    bandSources: ["S25g", "Spitzer-2006"],
    bandsNote: null,
    attribution: PHQ_ATTRIBUTION,
    // The GAD-7 panel code 69737-5 comes from a Wikipedia mirror only, so it is not held.
    loincTotal: "70274-6",
    sources: ["PHQ-form", "S25e", "S25g", "Spitzer-2006"],
  },
  hamd17: {
    id: "hamd17",
    name: "HAM-D-17",
    title: "Hamilton Depression Rating Scale, 17 items (clinician-rated)",
    entry: "total",
    stem: null,
    items: [],
    answerOptions: [],
    difficulty: null,
    min: 0,
    // The total range varies by source (docs/clinical-reference.md §6: 0–52 is commonly cited for the
    // HAM-D-17; one source gives 0–50; UNCONFIRMED). 52 is the commonly cited maximum, so it is the highest
    // total accepted.
    max: HAMD17_MAX,
    rangeNote:
      "The HAM-D-17 total range varies by source: 0–52 is commonly cited (one source gives 0–50), so it is unconfirmed.",
    bands: [
      { key: "normal", label: "Normal", min: 0, max: 7 },
      { key: "mild", label: "Mild", min: 8, max: 13 },
      { key: "moderate", label: "Moderate", min: 14, max: 18 },
      { key: "severe", label: "Severe", min: 19, max: 22 },
      { key: "very_severe", label: "Very severe", min: 23, max: HAMD17_MAX },
    ],
    bandSources: ["S25h"],
    bandsNote:
      "HAM-D severity bands are not standardised and vary by source; these are the bands of one source (S25h).",
    attribution: null,
    // No LOINC code for the HAM-D-17 total was found (unconfirmed).
    loincTotal: null,
    sources: ["S25h", "S25i"],
  },
};

/** The PHQ-9 item on thoughts of being better off dead or of self-harm. */
export const PHQ9_RISK_ITEM = 9;

/** Why any answer above 0 on PHQ-9 item 9 needs a safety follow-up. */
export const ITEM9_FOLLOW_UP: MeasureNote = {
  text:
    "Any answer above 0 on PHQ-9 item 9 needs a safety follow-up. The more often these thoughts occur, the " +
    'higher the risk of a suicide attempt or death; for "more than half the days" or "nearly every day" ' +
    'additional assessment is clearly indicated, and in VA data even "several days" carried a higher risk.',
  sources: ["S25l", "S25m"],
};

/** A negative item 9 is not a negative risk assessment. */
export const ITEM9_CAUTION: MeasureNote = {
  text:
    "A score of 0 on PHQ-9 item 9 does not rule out suicide risk: in VA data, 71.6% of suicides occurred among " +
    'people who had answered "not at all".',
  sources: ["S25l", "S25m"],
};

/** Two different GAD-7 thresholds that must not be confused. */
export const GAD7_CASENESS_NOTE: MeasureNote = {
  text:
    "GAD-7 NHS Talking Therapies caseness is a score of 8 or more. This is not the GAD-7 screening cut-off of " +
    "10 or more (Spitzer 2006: sensitivity 89%, specificity 82%).",
  sources: ["NHS-TT", "S25g", "Spitzer-2006"],
};
