import type { ReactNode } from 'react';
import { SubmitButton } from './button';
import { cx } from './styles';

// The filters of a staff list (members, payments, audit): a plain GET form, so every
// filtered view is a URL that can be bookmarked and shared, and nothing needs JavaScript.
// Screen readers find it as a search region, named by `label` (or by its fieldset's
// legend); it ends with its apply button and a link that clears every filter.

export function FilterForm({
  action,
  label,
  legend,
  className,
  actionsClassName,
  applyLabel,
  clearHref,
  clearLabel,
  children,
}: {
  action: string;
  /** Names the search region; or `legend`, a visible one, for a form that is one fieldset. */
  label?: string;
  legend?: string;
  /** The grid's columns. */
  className?: string;
  /** Where the buttons sit in that grid. */
  actionsClassName?: string;
  applyLabel: string;
  clearHref: string;
  clearLabel: string;
  children: ReactNode;
}) {
  const grid = cx('grid gap-4 rounded-lg border border-line bg-white p-4', className);
  const body = (
    <>
      {children}
      <div className={cx('flex flex-wrap items-center gap-4', actionsClassName)}>
        <SubmitButton size="md">{applyLabel}</SubmitButton>
        <a href={clearHref} className="text-brand underline underline-offset-2">
          {clearLabel}
        </a>
      </div>
    </>
  );
  return (
    <form method="get" action={action} role="search" aria-label={legend ? undefined : label} className="mt-6">
      {legend ? (
        <fieldset className={grid}>
          <legend className="px-1 font-medium">{legend}</legend>
          {body}
        </fieldset>
      ) : (
        <div className={grid}>{body}</div>
      )}
    </form>
  );
}
