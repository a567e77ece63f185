import type { ReactNode } from 'react';
import { cx } from './styles';

/**
 * A form's outcome: what was done, or why it was refused. Both live regions are always
 * on the page, empty until there is something to say, because screen readers announce a
 * change inside a region they already know, and may miss one that arrives with its text.
 * What was done is polite (status); a refusal is read out at once (alert). The regions
 * are `display: contents`, so an empty one takes no room in the form's grid.
 */
export function FormOutcome({ done, error, className }: { done?: ReactNode; error?: ReactNode; className?: string }) {
  return (
    <>
      <div role="status" className="contents">
        {done && <p className={cx('rounded-md border border-accent/40 bg-white px-3 py-2', className)}>{done}</p>}
      </div>
      <div role="alert" className="contents">
        {error && <p className={cx('rounded-md border border-brand/40 bg-brand-soft px-3 py-2 text-brand-dark', className)}>{error}</p>}
      </div>
    </>
  );
}
