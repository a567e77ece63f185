import { notFound } from 'next/navigation';

// Any path under a locale that no page claims renders the localised 404.
export default function CatchAll() {
  notFound();
}
