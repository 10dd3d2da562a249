import { type CSSProperties, useEffect, useRef } from 'react';
import type { ChartOption } from './echarts.ts';

type Chart = ReturnType<typeof import('./echarts.ts')['init']>;

/**
 * A chart drawn with ECharts (SVG). The library is loaded on first use, so a page shows its data
 * first; `label` describes the chart for screen readers (show the numbers as text as well).
 */
export function EChart({
  option,
  label,
  style,
  onItemClick,
}: {
  option: ChartOption;
  label: string;
  style?: CSSProperties;
  onItemClick?: (name: string, dataIndex: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const latest = useRef({ option, onItemClick });
  latest.current = { option, onItemClick };

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts.ts').then(({ init }) => {
      if (disposed || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'svg', locale: 'ZH' });
      c.setOption(latest.current.option);
      c.on('click', (p) => latest.current.onItemClick?.(String(p.name), p.dataIndex));
      chart.current = c;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={el} role="img" aria-label={label} style={{ height: 220, ...style }} />;
}
