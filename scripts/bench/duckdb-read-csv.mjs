// The CSV moonshot's anchor (issue 15): DuckDB (@duckdb/node-api, the repo's Parquet-fixture
// writer; all the machine's threads) reading a CSV into a table, as the issue measured it — a whole
// process, like the import it is compared with: Node start, DuckDB loaded, `CREATE TABLE … AS
// SELECT * FROM read_csv(file)` typed by DuckDB's sniffer, in memory (it writes no file; Plumbline
// writes and commits a SQLite workspace). Prints the row count.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) throw new Error('usage: node duckdb-read-csv.mjs <file.csv>');
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM t')).getRows()[0][0]);
con.closeSync();
console.log(JSON.stringify({ rows }));
