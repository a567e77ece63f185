import ReactMarkdown from 'react-markdown';

/** Staff-written Markdown. Raw HTML is not rendered, so nothing in the text can inject markup. */
export function Markdown({ children, className = '' }: { children: string; className?: string }) {
  return (
    <div className={`prose-psg ${className}`}>
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
