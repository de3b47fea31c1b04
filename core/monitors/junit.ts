/**
 * `plumbline check --junit`: JUnit XML as CI systems read it (Jenkins, GitLab, GitHub Actions
 * reporters): one testsuite, one testcase per monitor; an alerting monitor is a <failure>, one that
 * could not be evaluated an <error>. Every piece of text is escaped: monitor and column names are data.
 */
import type { CheckResult, MonitorEvaluation } from './types';

/** Escapes text and attribute values; drops characters XML 1.0 cannot hold at all. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

function testcase(e: MonitorEvaluation): string {
  const attrs = `name="${xmlEscape(e.monitor)}" classname="plumbline.${xmlEscape(e.analysis)}" time="0"`;
  const detail = xmlEscape(`${e.metric} ${e.condition} (${e.severity}) on ${Object.entries(e.settings.datasets).map(([s, d]) => `${s}=${d}`).join(', ')}`);
  if (e.status === 'pass') return `    <testcase ${attrs}/>`;
  const tag = e.status === 'error' ? 'error' : 'failure';
  return `    <testcase ${attrs}>\n      <${tag} message="${xmlEscape(e.message)}" type="${xmlEscape(e.status === 'error' ? `error (${e.severity})` : e.status)}">${detail}</${tag}>\n    </testcase>`;
}

export function junitXml(check: CheckResult): string {
  const failures = check.evaluations.filter((e) => e.status === 'warning' || e.status === 'critical').length;
  const errors = check.evaluations.filter((e) => e.status === 'error').length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="plumbline check" tests="${check.evaluations.length}" failures="${failures}" errors="${errors}" time="${check.seconds}">`,
    `  <testsuite name="plumbline monitors" tests="${check.evaluations.length}" failures="${failures}" errors="${errors}" time="${check.seconds}" timestamp="${xmlEscape(check.at)}">`,
    ...check.evaluations.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
