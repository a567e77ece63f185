'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { requestFormReset } from 'react-dom';
import type { FormState } from '@/lib/forms/state';

type Result<S> = { state: S } | { redirect: string };

/**
 * A staff form with files, posted to its route handler (lib/http/staff-form-route.ts).
 * Without JavaScript the browser posts it and follows the handler's redirects. With
 * JavaScript it is sent by fetch, asking for JSON: the page then shows the next state in
 * place (and resets the form to it, as a React form action does) or goes where it is told.
 *
 * `precheck` can refuse the form before anything is sent (a file over the size limit).
 */
export function useUploadForm<S extends FormState<string, string>>(
  initial: S,
  options: { failed: (previous: S) => S; precheck?: (form: HTMLFormElement, previous: S) => S | null },
) {
  const router = useRouter();
  const [state, setState] = useState<S>(initial);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const refused = options.precheck?.(form, state);
    if (refused) return setState(refused);
    const body = new FormData(form);
    startTransition(async () => {
      let result: Result<S> | null = null;
      try {
        const response = await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } });
        result = (await response.json()) as Result<S>;
      } catch {
        result = null;
      }
      startTransition(() => {
        if (result && 'redirect' in result) return router.push(result.redirect);
        setState(result?.state ?? options.failed(state));
        requestFormReset(form);
        // What the page shows around the form (title, current files) comes from the server.
        if (result && 'state' in result && result.state.done) router.refresh();
      });
    });
  }

  return { state, pending, onSubmit };
}
