// Top-level declarations of a Go file and the lines they span, so a changed line can be
// named by the function or type it belongs to. Go's formatting (gofmt) puts every top-level
// declaration at column 0 and closes blocks at column 0, which a line scan can rely on.

export interface GoDecl {
  /** `Reconcile`, `(*backupReconciler).Reconcile`, `BackupSpec`, `DefaultTTL`, `import`. */
  name: string;
  kind: 'func' | 'method' | 'type' | 'var' | 'const' | 'import';
  start: number;
  end: number;
}

const FUNC = /^func\s+(?:\(\s*\w*\s*(\*?\s*[\w.]+)(?:\[[^\]]*\])?\s*\)\s*)?(\w+)/;
const SINGLE = /^(type|var|const)\s+(\w+)/;
const GROUP = /^(type|var|const|import)\s*\($/;
const GROUP_MEMBER = /^\t(\w+)/;

export function goDecls(source: string): GoDecl[] {
  const lines = source.split('\n');
  const decls: GoDecl[] = [];
  let open: GoDecl | undefined;
  let group: GoDecl['kind'] | undefined;
  const close = (end: number) => {
    if (open) {
      open.end = end;
      decls.push(open);
    }
    open = undefined;
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (group) {
      if (line === ')') {
        close(n);
        group = undefined;
      } else if (group !== 'import') {
        const m = line.match(GROUP_MEMBER);
        if (m) {
          close(n - 1);
          open = { name: m[1]!, kind: group, start: n, end: n };
        }
      }
      return;
    }
    const f = line.match(FUNC);
    if (f) {
      close(n - 1);
      const receiver = f[1]?.replace(/\s+/g, '');
      open = { name: receiver ? `(${receiver}).${f[2]}` : f[2]!, kind: receiver ? 'method' : 'func', start: n, end: n };
      return;
    }
    const g = line.match(GROUP);
    if (g) {
      close(n - 1);
      group = g[1] as GoDecl['kind'];
      if (group === 'import') open = { name: 'import', kind: 'import', start: n, end: n };
      return;
    }
    const s = line.match(SINGLE);
    if (s) {
      close(n - 1);
      open = { name: s[2]!, kind: s[1] as GoDecl['kind'], start: n, end: n };
      return;
    }
    if (/^import\s+"/.test(line)) {
      close(n - 1);
      decls.push({ name: 'import', kind: 'import', start: n, end: n });
      return;
    }
    // A closing brace at column 0 ends the open declaration.
    if (open && line.startsWith('}')) close(n);
  });
  close(lines.length);
  return decls;
}

/** The declaration holding `line`, if any. */
export function declAt(decls: GoDecl[], line: number): GoDecl | undefined {
  return decls.find((d) => d.start <= line && line <= d.end);
}

/** The bare name a guide would write: `Reconcile` for `(*backupReconciler).Reconcile`. */
export function shortName(d: GoDecl): string {
  return d.name.replace(/^\([^)]*\)\./, '');
}
