// Generates the Kysely row types (server/db/types.ts) from a migrated database's catalog, so the
// types cannot drift from the schema (server/db/migrate.test.ts compares them with the committed
// file; `npm run gen:db-types` rewrites it). Closed columns take their lib/ vocabulary's type.
import type { Db } from './client.ts';
import { type CatalogColumn, catalogColumns } from './schema-dump.ts';
import { COLUMN_VOCABULARIES } from './vocabulary-columns.ts';

const SCALARS: Record<string, string> = {
  bigint: 'number',
  integer: 'number',
  smallint: 'number',
  text: 'string',
  'character varying': 'string',
  boolean: 'boolean',
  date: 'string',
  bytea: 'Buffer',
  tsvector: 'string',
  jsonb: 'unknown',
  'timestamp with time zone': 'Date',
};

const pascal = (name: string) => name.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase());

/** The column's TypeScript type: select type, and whether inserting may leave it out. */
function columnType(c: CatalogColumn): string {
  const vocabulary = COLUMN_VOCABULARIES[`${c.table_name}.${c.column_name}`];
  const array = c.type.endsWith('[]');
  const base = array ? c.type.slice(0, -2) : c.type;
  const scalar = vocabulary?.type ?? SCALARS[base.replace(/\(.*\)$/, '')];
  if (!scalar) throw new Error(`no TypeScript type for ${c.table_name}.${c.column_name} (${c.type})`);
  let t = array ? `${scalar}[]` : scalar;
  if (!c.not_null) t = `${t} | null`;
  if (c.identity || c.def?.startsWith('nextval(')) return `Generated<${t}>`;
  const optional = c.def !== null;
  // Timestamps are read as Date and written as Date or text; JSON is written as its text.
  if (base === 'timestamp with time zone') {
    const write = c.not_null ? 'Date | string' : 'Date | string | null';
    return `ColumnType<${t}, ${write}${optional ? ' | undefined' : ''}, ${write}>`;
  }
  if (base === 'jsonb') {
    const write = c.not_null ? 'string' : 'string | null';
    return `ColumnType<${t}, ${write}${optional ? ' | undefined' : ''}, ${write}>`;
  }
  return optional ? `Defaulted<${t}>` : t;
}

export async function generateDbTypes(db: Db): Promise<string> {
  const rows = await catalogColumns(db);
  const tables = [...new Set(rows.map((r) => r.table_name))];
  const imports = new Map<string, Set<string>>();
  for (const v of Object.values(COLUMN_VOCABULARIES)) {
    if (!imports.has(v.from)) imports.set(v.from, new Set());
    imports.get(v.from)!.add(v.type);
  }
  const out: string[] = [
    '// Generated from the migrated schema by `npm run gen:db-types` (server/db/types-gen.ts): do not',
    '// edit; add a migration and regenerate. A test fails when this file and the schema differ.',
    "import type { ColumnType, Generated } from 'kysely';",
    ...[...imports]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([from, types]) => `import type { ${[...types].sort().join(', ')} } from '../../${from}';`),
    '',
    'type Defaulted<T> = ColumnType<T, T | undefined, T>;',
    '',
    `export type { ${[...new Set(Object.values(COLUMN_VOCABULARIES).map((v) => v.type))].sort().join(', ')} };`,
  ];
  for (const t of tables) {
    out.push('', `export interface ${pascal(t)}Table {`);
    for (const c of rows.filter((r) => r.table_name === t)) out.push(`  ${c.column_name}: ${columnType(c)};`);
    out.push('}');
  }
  out.push('', 'export interface DB {', ...tables.map((t) => `  ${t}: ${pascal(t)}Table;`), '}', '');
  return out.join('\n');
}
