// The client's questionnaire page (/q/<token>): no account, no app shell. It shows the service's
// name, the optional year-of-birth step, the questions verbatim with large answer buttons and the
// progress, then a thank-you page — or the service's crisis text when the answers call for it — and
// one "closed" page for any link that cannot be used (the server never says why).
import {
  questionnaireEndpoints,
  type PublicQuestionnaire,
  type PublicQuestionnaireForm,
  type QuestionnaireInstrument,
  type SubmitQuestionnaireRequest,
} from "@ipt/shared";
import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { TextField } from "../components/form-fields";
import { apiRequest, isApiError, NetworkError } from "../lib/api-client";
import { clientText as text } from "./text";
import "./questionnaire.css";

type View =
  | { kind: "loading" }
  | { kind: "closed" }
  | { kind: "failed"; message: string }
  | { kind: "identity"; serviceName: string }
  | { kind: "questions"; serviceName: string; forms: PublicQuestionnaireForm[] }
  | { kind: "thanks" }
  | { kind: "crisis"; crisisText: string };

type Answers = Partial<Record<QuestionnaireInstrument, (number | null)[]>>;

/** The token is the last segment of /q/<token>. */
export function tokenFromPath(pathname: string): string {
  return decodeURIComponent(pathname.replace(/^\/q\//, "").replace(/\/$/, ""));
}

const viewOf = (page: PublicQuestionnaire): View =>
  page.step === "identity"
    ? { kind: "identity", serviceName: page.serviceName }
    : { kind: "questions", serviceName: page.serviceName, forms: page.forms };

/** What a failed request means for the client: the closed page, or a message to try again. */
function failure(error: unknown): View {
  if (isApiError(error, "not_found")) return { kind: "closed" };
  if (error instanceof NetworkError) return { kind: "failed", message: text.networkError };
  return { kind: "failed", message: error instanceof Error ? error.message : text.genericError };
}

/** The page's one heading, focused whenever the view changes so screen readers start there. */
function Heading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [children]);
  return (
    <h1 ref={ref} tabIndex={-1} className="client-page__title">
      {children}
    </h1>
  );
}

function IdentityStep({ token, onDone }: { token: string; onDone: (view: View) => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const year = Number(value.trim());
    if (!/^\d{4}$/.test(value.trim())) {
      setError(text.identityInvalid);
      return;
    }
    setPending(true);
    try {
      onDone(
        viewOf(
          await apiRequest(questionnaireEndpoints.confirmIdentity, {
            params: { token },
            body: { yearOfBirth: year },
          }),
        ),
      );
    } catch (caught) {
      setPending(false);
      if (isApiError(caught, "validation_failed")) setError(caught.fields[0]?.message ?? caught.message);
      else onDone(failure(caught));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="client-form">
      <p>{text.identityIntro}</p>
      <TextField
        name="yearOfBirth"
        label={text.identityLabel}
        hint={text.identityHint}
        error={error}
        inputMode="numeric"
        autoComplete="bday-year"
        maxLength={4}
        value={value}
        onChange={(event) => setValue(event.currentTarget.value)}
      />
      <button type="submit" className="button client-button" aria-disabled={pending || undefined}>
        {text.identityContinue}
      </button>
    </form>
  );
}

/** Ids of the first answer of each question, so the error summary can lead to it. */
const answerId = (formId: string, instrument: string, number: number, value: number) =>
  `${formId}-${instrument}-${number}-${value}`;

function QuestionsStep({
  token,
  forms,
  onDone,
}: {
  token: string;
  forms: PublicQuestionnaireForm[];
  onDone: (view: View) => void;
}) {
  const formId = useId();
  const [answers, setAnswers] = useState<Answers>(() =>
    Object.fromEntries(forms.map((form) => [form.instrument, form.items.map(() => null)])),
  );
  const [missing, setMissing] = useState<{ instrument: QuestionnaireInstrument; number: number }[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const total = forms.reduce((sum, form) => sum + form.items.length, 0);
  const answered = Object.values(answers).reduce(
    (sum, list) => sum + list.filter((value) => value !== null).length,
    0,
  );
  const nameOf = (instrument: QuestionnaireInstrument) =>
    forms.find((form) => form.instrument === instrument)?.name ?? instrument;

  useEffect(() => {
    if (missing.length > 0 || error) summaryRef.current?.focus();
  }, [missing, error]);

  const choose = (instrument: QuestionnaireInstrument, index: number, value: number) => {
    setAnswers((current) => {
      const list = [...(current[instrument] ?? [])];
      list[index] = value;
      return { ...current, [instrument]: list };
    });
    setMissing((current) =>
      current.filter((gap) => !(gap.instrument === instrument && gap.number === index + 1)),
    );
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const gaps = forms.flatMap((form) =>
      form.items
        .filter((_item, index) => (answers[form.instrument]?.[index] ?? null) === null)
        .map((item) => ({ instrument: form.instrument, number: item.number })),
    );
    setError(null);
    setMissing(gaps);
    if (gaps.length > 0) return;
    setPending(true);
    const body: SubmitQuestionnaireRequest = { answers };
    try {
      const result = await apiRequest(questionnaireEndpoints.submit, { params: { token }, body });
      onDone(
        result.next === "crisis" ? { kind: "crisis", crisisText: result.crisisText } : { kind: "thanks" },
      );
    } catch (caught) {
      setPending(false);
      if (isApiError(caught, "not_found")) onDone({ kind: "closed" });
      else setError(caught instanceof NetworkError ? text.networkError : text.genericError);
    }
  };

  // Each form's first question's place among all the questions ("Question 10 of 16").
  const offsets = forms.map((_form, index) =>
    forms.slice(0, index).reduce((sum, earlier) => sum + earlier.items.length, 0),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="client-form">
      <p>{text.intro}</p>
      <div className="client-progress">
        <label htmlFor={`${formId}-progress`}>{text.progressLabel}</label>
        <progress id={`${formId}-progress`} max={total} value={answered} />
        <p className="client-progress__count">{text.progress(answered, total)}</p>
      </div>
      {missing.length > 0 || error ? (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="notice notice--error client-summary">
          {error ? (
            <p>{error}</p>
          ) : (
            <>
              <h2 className="client-summary__title">{text.missingTitle}</h2>
              <ul>
                {missing.map((gap) => (
                  <li key={`${gap.instrument}-${gap.number}`}>
                    <a href={`#${answerId(formId, gap.instrument, gap.number, 0)}`}>
                      {text.missingOne(nameOf(gap.instrument), gap.number)}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ) : null}
      {forms.map((form, formIndex) => (
        <section
          key={form.instrument}
          className="client-questionnaire"
          aria-labelledby={`${formId}-${form.instrument}`}
        >
          <h2 id={`${formId}-${form.instrument}`}>{form.name}</h2>
          <p className="client-questionnaire__stem">{form.stem}</p>
          {form.items.map((item, index) => {
            const position = (offsets[formIndex] ?? 0) + index + 1;
            const isMissing = missing.some(
              (gap) => gap.instrument === form.instrument && gap.number === item.number,
            );
            const chosen = answers[form.instrument]?.[index] ?? null;
            return (
              <fieldset
                key={item.number}
                className={`client-question${isMissing ? " client-question--missing" : ""}`}
                aria-invalid={isMissing || undefined}
              >
                <legend className="client-question__legend">
                  <span className="client-question__count">{text.question(position, total)}</span>
                  <span className="client-question__text">{item.text}</span>
                </legend>
                <div className="client-answers">
                  {form.options.map((option) => {
                    const id = answerId(formId, form.instrument, item.number, option.value);
                    return (
                      <div key={option.value} className="client-answer">
                        <input
                          id={id}
                          type="radio"
                          className="client-answer__input"
                          name={`${form.instrument}-${item.number}`}
                          value={option.value}
                          checked={chosen === option.value}
                          onChange={() => choose(form.instrument, index, option.value)}
                        />
                        <label htmlFor={id} className="client-answer__label">
                          {option.label}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
          {form.attribution ? <p className="client-attribution">{form.attribution}</p> : null}
        </section>
      ))}
      <button type="submit" className="button client-button" aria-disabled={pending || undefined}>
        {pending ? text.sending : text.send}
      </button>
    </form>
  );
}

/** The whole page for one token: loads it, then walks the client through to the end. */
export function QuestionnairePage({ token }: { token: string }) {
  const [view, setView] = useState<View>({ kind: "loading" });
  const [serviceName, setServiceName] = useState<string | null>(null);
  // The service's name stays in the header once known (the thank-you and crisis pages carry none).
  const show = (next: View) => {
    if ("serviceName" in next) setServiceName(next.serviceName);
    setView(next);
  };

  useEffect(() => {
    const controller = new AbortController();
    apiRequest(questionnaireEndpoints.open, { params: { token }, signal: controller.signal })
      .then((page) => show(viewOf(page)))
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) show(failure(caught));
      });
    return () => controller.abort();
  }, [token]);

  useEffect(() => {
    document.title = serviceName ? text.documentTitle(serviceName) : text.pageTitle;
  }, [serviceName]);

  return (
    <div className="client-page">
      <header className="site-header">
        <div className="site-header__inner">
          <span className="site-header__name">{serviceName ?? "\u00a0"}</span>
        </div>
      </header>
      <main id="main" className="client-page__main">
        {view.kind === "loading" ? (
          <p role="status" className="state state--loading">
            <span className="spinner" aria-hidden="true" />
            {text.loading}
          </p>
        ) : null}
        {view.kind === "closed" ? (
          <>
            <Heading>{text.closedTitle}</Heading>
            <p>{text.closedBody}</p>
          </>
        ) : null}
        {view.kind === "failed" ? (
          <>
            <Heading>{text.pageTitle}</Heading>
            <div role="alert" className="notice notice--error">
              {view.message}
            </div>
          </>
        ) : null}
        {view.kind === "identity" ? (
          <>
            <Heading>{text.identityTitle}</Heading>
            <IdentityStep token={token} onDone={show} />
          </>
        ) : null}
        {view.kind === "questions" ? (
          <>
            <Heading>{text.pageTitle}</Heading>
            <QuestionsStep token={token} forms={view.forms} onDone={show} />
          </>
        ) : null}
        {view.kind === "thanks" ? (
          <>
            <Heading>{text.thanksTitle}</Heading>
            <p>{text.thanksBody}</p>
          </>
        ) : null}
        {view.kind === "crisis" ? (
          <>
            <Heading>{text.crisisTitle}</Heading>
            <p>{text.crisisLead}</p>
            <div className="notice notice--important client-crisis">
              {view.crisisText.split(/\n+/).map((paragraph) => (
                <p key={paragraph}>{paragraph}</p>
              ))}
            </div>
          </>
        ) : null}
      </main>
    </div>
  );
}
