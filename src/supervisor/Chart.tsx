import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One uPlot time chart. A canvas says nothing to a screen reader: `summary` is its text (role img),
 * and the page shows the same figures as numbers beside it.
 */
export function Chart(props: {
  title: string;
  summary: string;
  x: number[];
  series: Array<{ label: string; values: Array<number | null>; stroke: string; dash?: number[] }>;
  testId: string;
  timeLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const plot = new uPlot(
      {
        width: Math.max(320, Math.min(960, box.current.parentElement?.clientWidth ?? 720)),
        height: 220,
        series: [
          { label: props.timeLabel },
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.stroke,
            width: 2,
            ...(s.dash ? { dash: s.dash } : {}),
          })),
        ],
        axes: [{}, {}],
      },
      [props.x.map((t) => t / 1000), ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      box.current,
    );
    return () => plot.destroy();
  }, [props.x, props.series]);
  return (
    <figure class="chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <div ref={box} role="img" aria-label={props.summary} />
    </figure>
  );
}
