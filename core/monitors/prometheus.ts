/**
 * `plumbline check --prometheus`: the text exposition format (version 0.0.4) for node_exporter's
 * textfile collector, so Prometheus and Grafana see Plumbline's figures without Plumbline running a
 * server. Names follow Prometheus's conventions (snake_case, `plumbline_` prefix, base units,
 * `_seconds`/`_timestamp_seconds`); each family has HELP and TYPE; label values are escaped as
 * the format says (backslash, double quote, line feed).
 */
import type { CheckResult, MonitorEvaluation } from './types';

export function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text escapes only backslash and line feed. */
function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function sampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function labels(e: MonitorEvaluation): string {
  const pairs: [string, string][] = [
    ['monitor', e.monitor],
    ['analysis', e.analysis],
    ['metric', e.metric],
    ['severity', e.severity],
  ];
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

const STATUS_CODE = { pass: 0, warning: 1, critical: 2 } as const;

export function prometheusText(check: CheckResult): string {
  const lines: string[] = [];
  const family = (name: string, help: string, samples: readonly string[]) => {
    lines.push(`# HELP ${name} ${escapeHelp(help)}`, `# TYPE ${name} gauge`, ...samples);
  };
  const evals = check.evaluations;
  family(
    'plumbline_monitor_value',
    'The figure a Plumbline monitor reads from its analysis (absent when it could not be evaluated).',
    evals.filter((e) => e.value !== null).map((e) => `plumbline_monitor_value${labels(e)} ${sampleValue(e.value!)}`),
  );
  family(
    'plumbline_monitor_baseline',
    'The same figure on the reference, for monitors whose condition is a drop or rise.',
    evals.filter((e) => e.baseline !== null).map((e) => `plumbline_monitor_baseline${labels(e)} ${sampleValue(e.baseline!)}`),
  );
  family(
    'plumbline_monitor_status',
    'Monitor status: 0 pass, 1 warning, 2 critical (a monitor that could not be evaluated counts as its severity).',
    evals.map((e) => `plumbline_monitor_status${labels(e)} ${STATUS_CODE[e.status === 'error' ? e.severity : e.status]}`),
  );
  family(
    'plumbline_monitor_evaluated',
    '1 when the monitor could be evaluated, 0 when it could not (a dataset missing, no such metric).',
    evals.map((e) => `plumbline_monitor_evaluated${labels(e)} ${e.status === 'error' ? 0 : 1}`),
  );
  family('plumbline_check_status', 'Worst monitor status of the check: 0 pass, 1 warning, 2 critical (the exit code of plumbline check).', [`plumbline_check_status ${check.exitCode}`]);
  family('plumbline_check_monitors', 'Monitors evaluated by the check.', [`plumbline_check_monitors ${evals.length}`]);
  family('plumbline_check_duration_seconds', 'Time the check took.', [`plumbline_check_duration_seconds ${sampleValue(check.seconds)}`]);
  family('plumbline_check_last_run_timestamp_seconds', 'When the check ran, in seconds since the Unix epoch.', [`plumbline_check_last_run_timestamp_seconds ${Date.parse(check.at) / 1000}`]);
  return `${lines.join('\n')}\n`;
}
