import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLUMN_VOCABULARIES } from '../server/db/vocabulary-columns.ts';
import { ROOT } from './process.ts';

// Every closed list the database enforces (a CHECK … = ANY (ARRAY[…]) in the migrated schema,
// server/db/schema.sql, itself tested equal to the migrations) is one vocabulary of lib/ (named
// per column in server/db/vocabulary-columns.ts), and the two hold the same values. A new CHECK
// list without its vocabulary fails here.
const COLUMNS = Object.fromEntries(
  Object.entries(COLUMN_VOCABULARIES).map(([column, v]) => [column, Object.keys(v.labels)]),
);

/** table.column → the values of its CHECK list, read from the schema snapshot. */
function checkLists(): Map<string, string[]> {
  const schema = fs.readFileSync(path.join(ROOT, 'server/db/schema.sql'), 'utf8');
  const out = new Map<string, string[]>();
  let table = '';
  for (const line of schema.split('\n')) {
    const t = /^create table (?:public\.)?(\w+)/i.exec(line);
    if (t) table = t[1]!;
    const c = /CHECK \(\(\(?(\w+)\)? = ANY \(ARRAY\[(.*?)\]\)\)\)/.exec(line);
    if (c)
      out.set(
        `${table}.${c[1]}`,
        [...c[2]!.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!),
      );
  }
  return out;
}

describe('vocabularies', () => {
  const lists = checkLists();

  it('finds the CHECK lists of the schema', () => {
    expect(lists.size).toBeGreaterThan(40);
  });

  it.each([...lists.keys()].sort())('%s equals its lib vocabulary', (column) => {
    expect(COLUMNS[column], `${column} has no vocabulary in lib/`).toBeDefined();
    expect([...lists.get(column)!].sort()).toEqual([...COLUMNS[column]!].sort());
  });

  it('every vocabulary named here still has its CHECK list', () => {
    expect(Object.keys(COLUMNS).filter((c) => !lists.has(c))).toEqual([]);
  });
});
