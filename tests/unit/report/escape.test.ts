import { describe, expect, it } from 'vitest';
import { escapeHtml, h, raw, slug } from '../../../core/report/escape';
import { loadReportAssets } from '../../../core/report/assets';
import { renderReportHtml, headerFooterTemplates } from '../../../core/report/html';
import { XSS, reportInput } from './fixture';

describe('report escaping', () => {
  it('escapes the five HTML specials, backticks and control characters', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\`</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u001bc')).toBe('a\ufffdb\ufffdc');
    expect(escapeHtml('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });

  it('the h tag escapes interpolated values but not nested h fragments', () => {
    const inner = h`<b>${XSS}</b>`;
    expect(h`<p>${inner}${null}${false}${undefined}${['<i>', h`<i>ok</i>`]}${3}</p>`.value).toBe(
      '<p><b>&lt;img src=x onerror=alert(1)&gt;</b>&lt;i&gt;<i>ok</i>3</p>',
    );
    expect(h`${raw('<br>')}`.value).toBe('<br>');
  });

  it('slug gives anchor-safe ids that differ for different names', () => {
    expect(slug(XSS)).toMatch(/^[a-z0-9-]+$/);
    expect(slug('a b')).not.toBe(slug('a-b'));
  });

  it('a category named <img src=x onerror=alert(1)> prints as text everywhere in the document', () => {
    const input = reportInput({ charts: 'all' });
    const { html } = renderReportHtml(input, loadReportAssets());
    // Boolean checks: a failing toContain would print the whole document with its base64 font.
    expect(html.includes('&lt;img src=x onerror=alert(1)&gt;')).toBe(true);
    expect(html.includes('<img')).toBe(false);
    expect(/<script/i.test(html)).toBe(false);
    expect(/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)).toBe(false); // no element carries an event handler
    expect(html.includes('Ada &lt;Lovelace&gt;')).toBe(true);
    expect(html.includes('Acme &amp; Co')).toBe(true);
    const { headerTemplate, footerTemplate } = headerFooterTemplates(input);
    expect(headerTemplate).toContain('Report &lt;img src=x onerror=alert(1)&gt;');
    expect(headerTemplate).not.toContain('<img');
    expect(footerTemplate).toContain('class="pageNumber"');
    expect(footerTemplate).toContain('class="totalPages"');
  });
});
