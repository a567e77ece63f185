import type { ReactNode } from 'react';
import { describedBy, FieldError, FieldHint } from './field';
import { cx } from './styles';

/** A group of controls (radio buttons, an address) under one legend, with one hint and error. */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  className,
  legendClassName,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  legendClassName?: string;
  children: ReactNode;
}) {
  const { 'aria-describedby': described, 'aria-invalid': invalid } = describedBy(id, { hint, error });
  return (
    <fieldset id={id} aria-describedby={described} aria-invalid={invalid} className={className}>
      <legend className={cx('font-medium', legendClassName)}>{legend}</legend>
      <FieldHint id={id}>{hint}</FieldHint>
      {children}
      <FieldError id={id}>{error}</FieldError>
    </fieldset>
  );
}
