// Rewrites server/db/types.ts from a freshly migrated in-memory database (`--check`: only compare).
import fs from 'node:fs';
import path from 'node:path';
import { openPglite } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { generateDbTypes } from '../server/db/types-gen.ts';

const database = await openPglite();
await migrate(database.db);
const text = await generateDbTypes(database.db);
await database.close();
const file = path.resolve('server/db/types.ts');
if (process.argv.includes('--check')) {
  const same = fs.readFileSync(file, 'utf8') === text;
  console.log(
    same ? '✔ server/db/types.ts 与库结构一致' : '✖ server/db/types.ts 已过期：请运行 npm run gen:db-types',
  );
  process.exit(same ? 0 : 1);
}
fs.writeFileSync(file, text);
console.log(`已写入 ${path.relative(process.cwd(), file)}（${text.split('\n').length} 行）`);
