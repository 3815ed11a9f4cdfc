// Many files of one revision of a local clone in two git calls: `ls-tree` lists them with
// their sizes, one `cat-file --batch` streams their contents. Spawning `git show` per file
// would cost a process for each of the hundreds of Go files the symbol index reads.

import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TreeBlob {
  path: string;
  sha: string;
  size: number;
}

/** Every file under `folders` at `rev` (the revision must already have been checked). */
export async function listBlobs(dir: string, rev: string, folders: string[]): Promise<TreeBlob[]> {
  const { stdout } = await run('git', ['-C', dir, 'ls-tree', '-r', '-l', '-z', rev, '--', ...folders], {
    maxBuffer: 64 * 1024 * 1024,
    encoding: 'utf8',
  });
  const out: TreeBlob[] = [];
  for (const entry of stdout.split('\0')) {
    // "<mode> blob <sha> <size>\t<path>"; submodules ("commit") and links carry no text.
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, sha, size] = entry.slice(0, tab).split(/\s+/);
    if (type !== 'blob' || mode === '120000' || !sha) continue;
    out.push({ path: entry.slice(tab + 1), sha, size: Number(size) });
  }
  return out;
}

/**
 * The contents of `blobs`, as UTF-8 text, in the order given. The caller bounds what it
 * asks for (by `size`); `maxTotal` is a second guard on what is held in memory.
 */
export function readBlobs(dir: string, blobs: TreeBlob[], maxTotal = 256 * 1024 * 1024): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', dir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let total = 0;
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      total += b.length;
      if (total > maxTotal) child.kill();
      else chunks.push(b);
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString('utf8')).slice(-500);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (total > maxTotal) return reject(new Error(`git cat-file produced more than ${maxTotal} bytes`));
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim() || `exit ${code}`}`));
      try {
        resolve(splitBatch(Buffer.concat(chunks), blobs.length));
      } catch (err) {
        reject(err);
      }
    });
    child.stdin.end(blobs.map((b) => `${b.sha}\n`).join(''));
  });
}

/** `cat-file --batch` output: per object "<sha> <type> <size>\n<content>\n" (or "<sha> missing\n"). */
function splitBatch(buf: Buffer, count: number): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const nl = buf.indexOf(0x0a, at);
    if (nl < 0) throw new Error('git cat-file output ended early');
    const header = buf.toString('utf8', at, nl).split(' ');
    if (header[1] === 'missing' || header.length < 3) {
      out.push('');
      at = nl + 1;
      continue;
    }
    const size = Number(header[2]);
    out.push(buf.toString('utf8', nl + 1, nl + 1 + size));
    at = nl + 1 + size + 1;
  }
  return out;
}
