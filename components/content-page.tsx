import { Markdown } from './markdown';

export function ContentPage({ title, body, children }: { title: string; body: string; children?: React.ReactNode }) {
  return (
    <article className="mx-auto max-w-3xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="font-serif text-3xl font-semibold leading-tight sm:text-4xl">{title}</h1>
      <div className="mt-6">
        <Markdown>{body}</Markdown>
      </div>
      {children}
    </article>
  );
}
