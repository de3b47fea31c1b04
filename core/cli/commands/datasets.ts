import { Option, type Command } from 'commander';
import { PlumblineError } from '../../api/errors';
import { formatBytes, table } from '../output';
import { printJson, withClient } from './context';

export function registerDatasetCommands(program: Command): void {
  program
    .command('datasets')
    .description('list the datasets in the workspace')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const list = await client.listDatasets({});
        if (opts.json) return printJson({ datasets: list });
        if (list.length === 0) return void process.stdout.write('No datasets yet. Import one with: plumbline import FILE\n');
        process.stdout.write(`${table(['name', 'rows', 'columns', 'imported at'], list.map((d) => [d.name, d.rows, d.columns, d.importedAt]))}\n`);
      });
    });

  program
    .command('show')
    .description('show a dataset: columns, types, roles, provenance and the first rows')
    .argument('<dataset>', 'dataset name')
    .addOption(new Option('--rows <n>', 'rows to show').default('10').argParser(nonNegativeInt))
    .option('--json', 'print JSON')
    .action(async (dataset: string, opts: { rows: number | string; json?: boolean }, cmd: Command) => {
      const rows = typeof opts.rows === 'string' ? nonNegativeInt(opts.rows) : opts.rows;
      await withClient(cmd, async (client) => {
        const detail = await client.getDataset({ dataset });
        const page = await client.previewRows({ dataset, offset: 0, limit: rows });
        if (opts.json) {
          return printJson({
            dataset: detail.name,
            rows: detail.rows,
            columns: detail.columnInfo,
            imports: detail.imports,
            preview: page.rows.map((r) => Object.fromEntries(page.columns.map((c, i) => [c, r[i]]))),
          });
        }
        const out = process.stdout;
        out.write(`${detail.name}: ${detail.rows.toLocaleString('en-US')} rows × ${detail.columns} columns, imported ${detail.importedAt}\n`);
        for (const imp of detail.imports) {
          out.write(`  source ${imp.sourcePath} (${formatBytes(imp.sizeBytes)}, sha256 ${imp.sha256})\n`);
        }
        out.write(`\n${table(['column', 'type', 'role', 'missing'], detail.columnInfo.map((c) => [c.name, c.type, c.role, c.nullCount]))}\n`);
        if (rows > 0) out.write(`\n${table(page.columns, page.rows)}\n`);
      });
    });

  program
    .command('delete')
    .description('delete a dataset and its data from the workspace')
    .argument('<dataset>', 'dataset name')
    .option('--json', 'print JSON')
    .action(async (dataset: string, opts: { json?: boolean }, cmd: Command) => {
      await withClient(cmd, async (client) => {
        const result = await client.deleteDataset({ dataset });
        if (opts.json) return printJson(result);
        process.stdout.write(`Deleted "${result.deleted}".\n`);
      });
    });
}

function nonNegativeInt(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0) throw new PlumblineError('BAD_REQUEST', `--rows takes a whole number ≥ 0, not ${JSON.stringify(s)}.`);
  return n;
}
