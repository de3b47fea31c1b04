/**
 * A SpecChart that mounts when its box comes near the viewport: the Operations screen has up to ten
 * charts, and drawing all of them with Plotly at once kept the first ones waiting on a busy machine.
 * The placeholder keeps the chart's height, so the page does not jump.
 */
import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../../core/api/types';
import { SpecChart } from '../shared/SpecChart';

export function LazySpecChart({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [near]);
  const height = typeof spec.layout.height === 'number' ? spec.layout.height : 300;
  return near ? <SpecChart spec={spec} /> : <div ref={ref} className="spec-chart" role="img" aria-label={spec.title} data-chart={spec.id} style={{ minHeight: height }} />;
}
