'use client';

import { useTranslations } from '@/components/client-translations';
import { useEffect, useState } from 'react';

type Progress = { queued: number; sending: number; sent: number; failed: number };

/** Sent / failed / remaining, refreshed every two seconds while mail is still going out. */
export function SendProgress({ issueId, initial }: { issueId: string; initial: Progress }) {
  const t = useTranslations('adminNewsletters');
  const [progress, setProgress] = useState(initial);
  const remaining = progress.queued + progress.sending;
  useEffect(() => {
    if (remaining === 0) return;
    const poll = async () => {
      const response = await fetch(`/api/admin/newsletters/${issueId}/progress`, { cache: 'no-store' });
      if (response.ok) setProgress(await response.json());
    };
    // A failed poll (offline a moment) is simply tried again two seconds later.
    const timer = setInterval(() => void poll().catch(() => {}), 2000);
    return () => clearInterval(timer);
  }, [issueId, remaining]);
  return (
    <p role="status" aria-live="polite" className="mt-2">
      {t('progress', { sent: progress.sent, failed: progress.failed, remaining })}
    </p>
  );
}
