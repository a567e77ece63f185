import type { MonthPoint } from '@/db/queries/admin-overview';

// Two drawings of the same data: a wide one, and a narrow one for phones with fewer, larger
// labels (an SVG scales its text with its width, so one drawing cannot suit both).
const SIZES = {
  wide: { W: 720, H: 260, font: 12, every: 6, PAD: { top: 16, right: 16, bottom: 36, left: 48 } },
  narrow: { W: 340, H: 240, font: 14, every: 12, PAD: { top: 14, right: 14, bottom: 34, left: 44 } },
} as const;

/** A round axis maximum: 1, 2 or 5 times a power of ten, at least `value`. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value) ?? value;
}

/**
 * Active members at each month end, drawn on the server as SVG (no chart library, no
 * JavaScript). Screen readers get the title and description; the same numbers are in the
 * table that follows it.
 */
export function MembersChart({
  points,
  title,
  description,
  monthLabel,
  size,
  className,
}: {
  points: MonthPoint[];
  title: string;
  description: string;
  monthLabel: (month: string) => string;
  size: keyof typeof SIZES;
  className?: string;
}) {
  const { W, H, PAD, font, every } = SIZES[size];
  const id = `members-chart-${size}`;
  const max = niceMax(Math.max(...points.map((p) => p.active), 0));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length > 1 ? (i * innerW) / (points.length - 1) : innerW / 2);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.active).toFixed(1)}`).join(' ');
  const area = `${line} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z`;
  const ticks = [0, max / 4, max / 2, (3 * max) / 4, max];
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      className={`h-auto w-full ${className ?? ''}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(tick)} y2={y(tick)} stroke="currentColor" strokeOpacity={0.15} />
          <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" fontSize={font} fill="currentColor">
            {Math.round(tick).toLocaleString('en-GB')}
          </text>
        </g>
      ))}
      <path d={area} className="fill-brand/10" />
      <path d={line} fill="none" className="stroke-brand" strokeWidth={2.5} strokeLinejoin="round" />
      {points.map((p, i) => (
        <circle key={p.month} cx={x(i)} cy={y(p.active)} r={size === 'wide' ? 3 : 2.5} className="fill-brand" />
      ))}
      {points.map((p, i) =>
        i % every === 0 || i === points.length - 1 ? (
          <text
            key={p.month}
            x={x(i)}
            y={H - 12}
            textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
            fontSize={font}
            fill="currentColor"
          >
            {monthLabel(p.month)}
          </text>
        ) : null,
      )}
    </svg>
  );
}
