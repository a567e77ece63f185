'use client';

export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="mt-6 rounded-md border border-brand px-4 py-2 font-medium text-brand print:hidden"
    >
      {label}
    </button>
  );
}
