import type { ReactNode } from 'react';

/** One figure of a dashboard: what it counts, the number, and what explains it. */
export function FigureCard({ title, figure, children }: { title: ReactNode; figure?: ReactNode; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-line bg-white p-4">
      <h3 className="text-sm font-medium text-muted">{title}</h3>
      {figure !== undefined && <p className="mt-1 text-3xl font-semibold tabular-nums">{figure}</p>}
      {children}
    </div>
  );
}
