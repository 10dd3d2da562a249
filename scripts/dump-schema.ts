// Rewrites server/db/schema.sql from a freshly migrated in-memory database.
import fs from 'node:fs';
import path from 'node:path';
import { openPglite } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { dumpSchema } from '../server/db/schema-dump.ts';

const database = await openPglite();
await migrate(database.db);
const text = await dumpSchema(database.db);
await database.close();
const file = path.resolve('server/db/schema.sql');
fs.writeFileSync(file, text);
console.log(`已写入 ${path.relative(process.cwd(), file)}（${text.split('\n').length} 行）`);
