// `npm start`: install what is missing → build the web app if stale → run the server
// (which migrates, seeds demo data on first run and serves API + UI on one port).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => console.log(`[xietong] ${msg}`);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n✖ 命令失败：${cmd} ${args.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

// node_modules is stale when package-lock.json changed since the last install.
const lockHash = createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'package-lock.json')))
  .digest('hex');
const stampFile = path.join(root, 'node_modules', '.xietong-install');
const installed = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
if (installed !== lockHash) {
  say('正在安装依赖（npm ci）…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(stampFile, lockHash);
}

// The web build is stale when any source file is newer than the build stamp.
function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}
const buildStamp = path.join(root, 'dist', 'web', '.build-stamp');
const sourceTime = Math.max(
  newest(path.join(root, 'web')),
  fs.statSync(path.join(root, 'package-lock.json')).mtimeMs,
);
const builtTime = fs.existsSync(buildStamp) ? fs.statSync(buildStamp).mtimeMs : 0;
if (sourceTime > builtTime) {
  say('正在构建网页端…');
  run('npm', ['run', '-s', 'build:web']);
  fs.writeFileSync(buildStamp, new Date().toISOString());
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
