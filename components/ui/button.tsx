'use client';

import type { ButtonHTMLAttributes } from 'react';
import { useFormStatus } from 'react-dom';
import { buttonClass, type ButtonSize, type ButtonVariant } from './styles';

/**
 * A form's submit button. While the form is being sent it is disabled, so a second
 * click does not send it twice; without JavaScript it is a plain submit button.
 */
export function SubmitButton({
  variant,
  size,
  className,
  disabled,
  ...rest
}: { variant?: ButtonVariant; size?: ButtonSize } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'>) {
  const { pending } = useFormStatus();
  return <button {...rest} type="submit" disabled={disabled || pending} className={buttonClass({ variant, size, className })} />;
}
