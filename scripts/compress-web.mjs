// After `vite build`: gzip and brotli copies of the web assets, served by @fastify/static's
// preCompressed option, so browsers download compressed files without runtime compression.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');
let raw = 0;
let gz = 0;
function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.(js|css|html|svg|json)$/.test(e.name)) {
      const data = fs.readFileSync(p);
      const g = zlib.gzipSync(data, { level: 9 });
      fs.writeFileSync(`${p}.gz`, g);
      fs.writeFileSync(
        `${p}.br`,
        zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
      );
      raw += data.length;
      gz += g.length;
    }
  }
}
walk(dir);
console.log(`网页资源已压缩：${(raw / 1024).toFixed(0)} KiB → gzip ${(gz / 1024).toFixed(0)} KiB`);
