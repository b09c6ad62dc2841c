// Every word the client sees on the questionnaire page, in one place for translation. The questions
// and answers themselves come from the server, verbatim from the published forms (@ipt/shared
// measures), and are never translated here: a translated PHQ-9 or GAD-7 must be an official one.
export const clientText = {
  documentTitle: (serviceName: string) => `Questionnaire – ${serviceName}`,
  loading: "Loading your questionnaire…",
  pageTitle: "Your questionnaire",
  intro:
    "Your therapist has asked you to answer a few questions before your next session. It takes about 5 minutes. Your answers go only to your therapist.",
  progress: (answered: number, total: number) => `${answered} of ${total} questions answered`,
  progressLabel: "Progress",
  question: (number: number, total: number) => `Question ${number} of ${total}`,
  send: "Send my answers",
  sending: "Sending…",
  missingTitle: "Please answer every question",
  missingOne: (form: string, number: number) => `${form}: answer question ${number}`,
  identityTitle: "First, confirm it is you",
  identityIntro: "To keep your answers private, please enter your year of birth.",
  identityLabel: "Year of birth",
  identityHint: "Four digits, for example 1985",
  identityInvalid: "Enter your year of birth as four digits, for example 1985.",
  identityContinue: "Continue",
  closedTitle: "This link cannot be used",
  closedBody:
    "It may have been used already, it may have expired, or it may have been withdrawn. If you still need to answer the questions, ask your therapist for a new link.",
  thanksTitle: "Thank you",
  thanksBody: "Your answers have been sent to your therapist. You can close this page now.",
  crisisTitle: "Please read this now",
  crisisLead: "Your answers have been sent to your therapist.",
  networkError: "Your answers could not be sent. Check your internet connection and try again.",
  genericError: "Something went wrong. Please try again.",
} as const;
