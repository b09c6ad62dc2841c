import { useEffect, useId, useRef, type SubmitEvent, type ReactNode, type RefObject } from "react";
import { SubmitButton } from "./form-fields";

/**
 * A modal form on <dialog> + showModal() (focus is trapped, Escape closes, focus returns to the
 * button that opened it). Focus starts on the first field.
 */
export function FormDialog({
  open,
  title,
  children,
  submitLabel,
  pendingLabel,
  closeLabel = "Go back",
  tone = "primary",
  pending,
  onSubmit,
  onClose,
  formRef,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  submitLabel: string;
  pendingLabel: string;
  closeLabel?: string;
  tone?: "primary" | "danger";
  pending: boolean;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  onClose: () => void;
  /** For moving focus to the first error (see useFocusFirstError). */
  formRef?: RefObject<HTMLFormElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLElement>("input, textarea, select")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => {
        if (open) onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {open ? (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          {children}
          <div className="button-row">
            <SubmitButton
              pending={pending}
              pendingLabel={pendingLabel}
              className={tone === "danger" ? "button button--danger" : "button"}
            >
              {submitLabel}
            </SubmitButton>
            <button type="button" className="button button--secondary" onClick={onClose}>
              {closeLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
