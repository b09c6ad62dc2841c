import { resolveRiskFlagRequest, type RiskFlagDetail } from "@ipt/shared";
import { useState, type SubmitEvent } from "react";
import { FormDialog } from "../../../components/form-dialog";
import { TextAreaField } from "../../../components/form-fields";
import { useWriteErrors, WriteErrorSummary } from "../../../components/write-error-summary";
import { fieldNamesOf } from "../../../lib/field-names";
import { formErrorsFromZod } from "../../../lib/form-errors";
import { noWriteErrors, writeErrorsFromError } from "../../../lib/write-errors";
import { useResolveRiskFlag } from "../api/resolve-risk-flag";

/** Closes a followed-up risk flag with the clinician's reason. Open while `flag` is set. */
export function ResolveRiskFlagDialog({
  flag,
  onClose,
  onSaved,
  onReload,
}: {
  flag: RiskFlagDetail | null;
  onClose: () => void;
  onSaved: (flag: RiskFlagDetail) => void;
  onReload?: () => Promise<unknown>;
}) {
  const resolve = useResolveRiskFlag();
  const { formRef, errors, setErrors } = useWriteErrors();
  const [reason, setReason] = useState("");
  const [openFor, setOpenFor] = useState<string | null>(flag?.id ?? null);
  if ((flag?.id ?? null) !== openFor) {
    setOpenFor(flag?.id ?? null);
    if (flag) {
      setReason("");
      setErrors(noWriteErrors);
    }
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!flag || resolve.isPending) return;
    const parsed = resolveRiskFlagRequest.safeParse({ version: flag.version, reason });
    if (!parsed.success) {
      setErrors({ ...noWriteErrors, ...formErrorsFromZod(parsed.error) });
      return;
    }
    setErrors(noWriteErrors);
    try {
      onSaved(await resolve.mutateAsync({ riskFlagId: flag.id, body: parsed.data }));
    } catch (error) {
      setErrors(writeErrorsFromError(error, fieldNamesOf(resolveRiskFlagRequest)));
    }
  }

  return (
    <FormDialog
      open={flag !== null}
      title="Resolve risk flag"
      submitLabel="Resolve the flag"
      pendingLabel="Resolving…"
      pending={resolve.isPending}
      onSubmit={(event) => void submit(event)}
      onClose={onClose}
      formRef={formRef}
    >
      <p>The flag closes with your reason. It stays on record with its follow-ups.</p>
      <WriteErrorSummary errors={errors} onReload={onReload} />
      <TextAreaField
        name="reason"
        label="Reason for resolving"
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={errors.fields.reason}
      />
    </FormDialog>
  );
}
