import type { SessionResponse } from "@ipt/shared";
import { useRef, useState, type SubmitEvent } from "react";
import type { z } from "zod";
import { useFocusFirstError } from "../../../components/form-fields";
import {
  formErrorsFromError,
  formErrorsFromZod,
  noFormErrors,
  type FormErrors,
} from "../../../lib/form-errors";

/**
 * One step of signing in (password, or a second-factor code): read the form, check it with
 * `schema`, send it, and on a refusal clear the secret field and show why. `stayBusy` keeps the
 * form busy after a success, for a step whose `onDone` leaves the page.
 */
export function useSignInStep<S extends z.ZodType>({
  schema,
  read,
  send,
  secretField,
  fieldNames,
  onDone,
  stayBusy = false,
}: {
  schema: S;
  read: (data: FormData) => unknown;
  send: (body: z.output<S>) => Promise<SessionResponse>;
  secretField: string;
  fieldNames: readonly string[];
  onDone: (session: SessionResponse) => void;
  stayBusy?: boolean;
}) {
  const [pending, setPending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  useFocusFirstError(formRef, errors);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const parsed = schema.safeParse(read(new FormData(form)));
    if (!parsed.success) {
      setErrors(formErrorsFromZod(parsed.error));
      return;
    }
    setErrors(noFormErrors);
    setPending(true);
    let session: SessionResponse;
    try {
      session = await send(parsed.data);
    } catch (error) {
      const secret = form.elements.namedItem(secretField);
      if (secret instanceof HTMLInputElement) secret.value = "";
      setErrors(formErrorsFromError(error, fieldNames));
      setPending(false);
      return;
    }
    if (!stayBusy) setPending(false);
    onDone(session);
  }

  return { formRef, errors, pending, handleSubmit, clearErrors: () => setErrors(noFormErrors) };
}
