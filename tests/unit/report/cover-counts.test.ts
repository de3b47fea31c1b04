/**
 * Issue #9 item 13: the report's cover and executive summary count what the Drift screen counts —
 * columns drifted of columns tested and the dataset-drift verdict — and over-time checks only add
 * a "plus N of M column × chunk checks" line instead of swelling the count of failed checks.
 */
import { describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../../core/report/assets';
import { overall, renderReportHtml } from '../../../core/report/html';
import type { SummaryCheck } from '../../../core/report/types';
import { reportInput } from './fixture';

const assets = loadReportAssets();
const cover = (html: string) => /<div class="outcome (\w+)">([^<]*)<\/div>/.exec(html);
const lead = (html: string) => /<p class="lead"><b>([^<]*)<\/b>/.exec(html);

describe('report outcome counts', () => {
  it('cover and summary say the drift result’s n_drifted of n_tested and its verdict', () => {
    const input = reportInput();
    const r = input.drift.result;
    const { html } = renderReportHtml(input, assets);
    const [, status, text] = cover(html)!;
    const want = `${r.n_drifted} of ${r.n_tested} columns drifted — dataset drift: ${r.dataset_drift ? 'yes' : 'no'}.`;
    expect(text).toBe(want);
    expect(lead(html)![1]).toBe(want);
    expect(status).toBe(r.dataset_drift ? 'fail' : 'pass');
  });

  it('over time adds one line counting column × chunk checks', () => {
    const input = reportInput({}, { overTime: { chunk: { by: 'count', size: 100 } } });
    const r = input.drift.result;
    const points = r.over_time!.series.flatMap((s) => s.points);
    expect(points.length).toBeGreaterThan(r.over_time!.series.length);
    const failed = points.filter((p) => p.drifted).length;
    const [, , text] = cover(renderReportHtml(input, assets).html)!;
    expect(text).toBe(
      `${r.n_drifted} of ${r.n_tested} columns drifted — dataset drift: ${r.dataset_drift ? 'yes' : 'no'}; plus ${failed} of ${points.length} column × chunk checks over time failed.`,
    );
  });

  it('without a headline, checks are counted one each, info lines never', () => {
    const c = (status: SummaryCheck['status']): SummaryCheck => ({ plain: '', check: '', threshold: '', value: '', status });
    expect(overall([c('fail'), c('pass'), c('info')])).toEqual({ status: 'fail', text: '1 of 2 checks failed.' });
    expect(overall([c('pass'), c('pass')])).toEqual({ status: 'pass', text: 'All 2 checks passed.' });
    expect(overall([c('info')]).status).toBe('info');
  });
});
