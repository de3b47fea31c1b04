/**
 * autoMargins restates Plotly's automargin: the pushes below are what Plotly 3.8 recorded drawing
 * two drift charts at 409 px (distribution: legend and rotated bin labels; ECDF: a legend of three
 * entries wrapping to three rows), with the margins it ended with (_fullLayout._size).
 */
import { describe, expect, it } from 'vitest';
import { autoMargins, drawnWith, layoutMargins, marginKey, type AutoMarginState } from '../../../../renderer/src/shared/autoMargins';

const SPEC = { l: 56, r: 12, t: 36, b: 48 };
const ids = { legend: 1, 'x.automargin': 1, 'title.automargin': 1 };
const edge = (l: number, r: number, b: number, t: number) => ({ l: { val: 0, size: l }, r: { val: 0, size: r }, b: { val: 1, size: b }, t: { val: 1, size: t } });

const distribution: AutoMarginState = {
  width: 409,
  height: 280,
  margin: { autoexpand: true },
  _pushmargin: {
    legend: edge(12, 196, 12, 41),
    'x.automargin': { l: { val: 0, size: 38.93 }, r: { val: 0, size: 12 }, b: { val: 0, size: 89.09 }, t: { val: 0, size: 12 } },
    // What an earlier draw left: replaced by the spec's margins, not read.
    base: { l: { val: 0, size: 99 }, r: { val: 1, size: 99 }, t: { val: 1, size: 99 }, b: { val: 0, size: 99 } },
  },
  _pushmarginIds: ids,
  _reservedMargin: { legend: {} },
};
const ecdf: AutoMarginState = {
  ...distribution,
  height: 260,
  _pushmargin: { legend: edge(12, 196, 12, 79), 'x.automargin': { l: { val: 0, size: 12 }, r: { val: 0, size: 12 }, b: { val: 0, size: 40 }, t: { val: 0, size: 12 } } },
};

describe('autoMargins', () => {
  it("gives the margins Plotly's automargin ended with", () => {
    expect(autoMargins(distribution, SPEC)).toEqual({ l: 56, r: 12, t: 41, b: 89 });
    expect(autoMargins(ecdf, SPEC)).toEqual({ l: 56, r: 12, t: 79, b: 48 });
  });

  it('starts from the margins it is given, not from the ones the draw used', () => {
    // Wider spec margins than any push: they stay.
    expect(autoMargins(distribution, { l: 70, r: 20, t: 50, b: 100 })).toEqual({ l: 70, r: 20, t: 50, b: 100 });
  });

  it('ignores pushers that no longer push (ids not set) and gives null without pushes or with autoexpand off', () => {
    expect(autoMargins({ ...distribution, _pushmarginIds: { legend: 1 } }, SPEC)).toEqual({ l: 56, r: 12, t: 41, b: 48 });
    expect(autoMargins({ ...distribution, _pushmargin: undefined }, SPEC)).toBeNull();
    expect(autoMargins({ ...distribution, _pushmarginIds: {} }, SPEC)).toBeNull();
    expect(autoMargins({ ...distribution, margin: { autoexpand: false } }, SPEC)).toBeNull();
  });

  it('adds reserved margins and never leaves less than the minimum plot height', () => {
    // A reserved margin (a pusher's own band) comes on top of the pushes, as in Plotly.
    expect(autoMargins({ ...distribution, _reservedMargin: { legend: { t: 10 } } }, SPEC)).toEqual({ l: 56, r: 12, t: 51, b: 89 });
    // 120 px high: the pushes want 41 + 89; the plot keeps the height the spec's margins left it
    // (120 - 36 - 48 = 36 px, under minreducedheight's 64), so both shrink in proportion.
    const squeezed = autoMargins({ ...distribution, height: 120 }, SPEC)!;
    expect(squeezed.t + squeezed.b).toBeLessThanOrEqual(84 + 1);
    expect(squeezed.b / squeezed.t).toBeCloseTo(89.09 / 41, 0); // rounded to whole pixels
  });
});

describe('drawnWith', () => {
  const exact = { l: 56, r: 12, t: 41, b: 89 };
  it('a guess equal to the exact margins: drawn with them', () => {
    expect(drawnWith(exact, exact, exact)).toBe(true);
  });
  it('a guess narrower by more than 1 px on a side: Plotly drew again with the exact margins', () => {
    expect(drawnWith(exact, { ...exact, b: 60 }, exact)).toBe(true);
  });
  it('a guess wider on any side, or narrower by only 1 px (Plotly does not redraw for that): not drawn with them', () => {
    expect(drawnWith(exact, { ...exact, b: 93 }, { ...exact, b: 93 })).toBe(false);
    expect(drawnWith(exact, { ...exact, b: 60, t: 45 }, { ...exact, t: 45 })).toBe(false);
    expect(drawnWith(exact, { ...exact, b: 88 }, exact)).toBe(false);
  });
});

describe('layoutMargins and marginKey', () => {
  it("fills missing sides with Plotly's defaults", () => {
    expect(layoutMargins({ margin: { l: 10, t: 5 } })).toEqual({ l: 10, r: 80, t: 5, b: 80 });
    expect(layoutMargins({})).toEqual({ l: 80, r: 80, t: 100, b: 80 });
  });
  it('keys a figure by its traces, tick angle, number and longest of the x labels', () => {
    const bars = (x: string[]) => [{ x }, { x }];
    expect(marginKey(bars(['a', 'bb']), { xaxis: { tickangle: -30 } })).toBe('2|-30|2|2');
    expect(marginKey(bars(['a', 'bb']), { xaxis: { tickangle: 0 } })).not.toBe(marginKey(bars(['a', 'bb']), { xaxis: { tickangle: -30 } }));
    expect(marginKey([{ x: [1, 2, 3] }], {})).toBe('1|undefined|3|0');
  });
});
