// The look of the site's form controls, in one place. Components use the components in
// this folder; a link styled as a button (there is no form to submit) uses buttonClass.

export const cx = (...parts: (string | false | null | undefined)[]) => parts.filter(Boolean).join(' ');

/** Text inputs, selects and text areas. */
export const inputClass = 'mt-1 block w-full rounded-md border border-muted/60 bg-white px-3 py-2 text-base';

const BUTTON = {
  primary: 'rounded-md bg-brand font-medium text-white hover:bg-brand-dark disabled:opacity-70',
  secondary: 'rounded-md border border-brand font-medium text-brand-dark hover:bg-brand-soft disabled:opacity-70',
  /** A lesser action beside a primary one (filters, "clear"): a grey border until hovered. */
  quiet: 'rounded-md border border-line bg-white font-medium text-brand hover:border-brand disabled:opacity-70',
} as const;

const SIZE = { sm: 'px-3 py-1.5 text-sm', md: 'px-4 py-2', lg: 'px-5 py-2.5', xl: 'px-6 py-3' } as const;

export type ButtonVariant = keyof typeof BUTTON;
export type ButtonSize = keyof typeof SIZE;

export const buttonClass = ({
  variant = 'primary',
  size = 'lg',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) => cx(BUTTON[variant], SIZE[size], className);
