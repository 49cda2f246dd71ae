// Horizontal stacked bars (accepted, rejected) per agency, drawn as SVG: one chart does not
// justify a charting library in the bundle. The numbers are also in the table below it.
interface Bar {
  label: string;
  accepted: number;
  rejected: number;
}

export function QualityChart({ title, bars, acceptedLabel, rejectedLabel }: { title: string; bars: Bar[]; acceptedLabel: string; rejectedLabel: string }) {
  const max = bars.reduce((m, b) => Math.max(m, b.accepted + b.rejected), 1);
  const rowHeight = 28;
  const labelWidth = 220;
  const width = 760;
  const scale = (n: number) => (n / max) * (width - labelWidth - 90);
  const height = bars.length * rowHeight + 40;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={`${title}: ${bars.map((b) => `${b.label} ${acceptedLabel} ${b.accepted}, ${rejectedLabel} ${b.rejected}`).join('; ')}`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
      >
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0, ${i * rowHeight})`}>
            <text x={labelWidth - 8} y={18} textAnchor="end" className="chart-label">
              {b.label}
            </text>
            <rect x={labelWidth} y={4} height={18} width={scale(b.accepted)} className="bar-accepted" />
            <rect x={labelWidth + scale(b.accepted)} y={4} height={18} width={scale(b.rejected)} className="bar-rejected" />
            <text x={labelWidth + scale(b.accepted + b.rejected) + 6} y={18} className="chart-label">
              {b.accepted} / {b.rejected}
            </text>
          </g>
        ))}
        <g transform={`translate(${labelWidth}, ${bars.length * rowHeight + 12})`}>
          <rect width={14} height={14} className="bar-accepted" />
          <text x={20} y={12} className="chart-label">
            {acceptedLabel}
          </text>
          <rect x={120} width={14} height={14} className="bar-rejected" />
          <text x={140} y={12} className="chart-label">
            {rejectedLabel}
          </text>
        </g>
      </svg>
    </figure>
  );
}
