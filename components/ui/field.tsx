import type { ReactNode } from 'react';
import { cx, inputClass } from './styles';

// A form control with its label, hint and error, wired for screen readers: the control
// names its hint and error in aria-describedby and says aria-invalid when refused, so a
// screen reader reads the error when the control is reached, not only when it appears.

/** What a control needs from its Field: spread it onto the input, select or textarea. */
export type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

/** The props that tie a control to its hint and error. */
export function describedBy(id: string, { hint, error }: { hint?: ReactNode; error?: ReactNode }): ControlProps {
  const described = [hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(' ');
  return { id, 'aria-describedby': described || undefined, 'aria-invalid': error ? true : undefined };
}

/** An error under a control (the text, already translated). */
export function FieldError({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={errorId(id)} className="mt-1 text-sm font-medium text-brand-dark">
      {children}
    </p>
  );
}

export function FieldHint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={hintId(id)} className="mt-1 text-sm text-muted">
      {children}
    </p>
  );
}

/**
 * A labelled control. `children` renders the control from the props Field gives it, so
 * the wiring is the same for an input, a select or a textarea.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: (control: ControlProps & { className: string }) => ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <FieldHint id={id}>{hint}</FieldHint>
      {children({ ...describedBy(id, { hint, error }), className: inputClass })}
      <FieldError id={id}>{error}</FieldError>
    </div>
  );
}

type TextFieldProps = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  defaultValue?: string;
  className?: string;
  inputClassName?: string;
} & Pick<
  React.InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'inputMode' | 'required' | 'min' | 'max' | 'step' | 'placeholder' | 'spellCheck' | 'lang' | 'maxLength'
>;

/** The common case: a labelled text input, its value kept after a refused submit. */
export function TextField({
  id,
  name,
  label,
  hint,
  error,
  defaultValue,
  className,
  inputClassName,
  type = 'text',
  ...rest
}: TextFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input
          {...control}
          {...rest}
          className={cx(control.className, inputClassName)}
          name={name}
          type={type}
          defaultValue={defaultValue ?? ''}
        />
      )}
    </Field>
  );
}

/** A checkbox with its label beside it, and its hint and error under both. */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  error,
  value,
  defaultChecked,
  required,
  className,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** What the form sends when ticked; browsers send "on" without it. */
  value?: string;
  defaultChecked?: boolean;
  required?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <div className="flex items-start gap-2">
        <input
          {...describedBy(id, { hint, error })}
          name={name}
          type="checkbox"
          value={value}
          defaultChecked={defaultChecked}
          required={required}
          className="mt-1 size-5 shrink-0"
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldHint id={id}>{hint}</FieldHint>
      <FieldError id={id}>{error}</FieldError>
    </div>
  );
}

/** A labelled choice: "any" first when given (no choice yet, or no filter), then the options. */
export function SelectField({
  id,
  name,
  label,
  anyLabel,
  options,
  value,
  error,
  className,
}: {
  id: string;
  name: string;
  label: ReactNode;
  anyLabel?: string;
  options: readonly { value: string; label: string }[];
  value: string | undefined;
  error?: ReactNode;
  className?: string;
}) {
  return (
    <Field id={id} label={label} error={error} className={className}>
      {(control) => (
        <select {...control} className={cx(control.className, 'min-w-0')} name={name} defaultValue={value ?? ''}>
          {anyLabel !== undefined && <option value="">{anyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
