// A deliberately light English stemmer: plurals, -ed/-ing and a final -e only, so the
// forms of one word meet ("restores", "restored", "restoring" -> "restor") while Velero's
// own words are left alone ("status", "restic", "kubernetes").

const KEEP = new Set([
  'status', 'kubernetes', 'velero', 'restic', 'always', 'alias', 'bias', 'process', 'access',
  'address', 'success', 'class', 'pass', 'less', 'unless', 'this', 'its', 'has', 'was', 'does',
  'is', 'us', 'gcs', 'aws', 'nodes', 'metrics', 'ops', 'plus', 'focus', 'thus', 'was',
]);

export function stem(word: string): string {
  if (word.length <= 3 || KEEP.has(word) || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ches') || w.endsWith('shes') || w.endsWith('xes')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 5 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  // "restore", "restored", "restoring", "restores" all end as "restor".
  if (w.endsWith('e') && w.length >= 4 && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

// "running" -> "runn" -> "run"; "stopped" -> "stopp" -> "stop".
function undouble(w: string): string {
  return /([bdfgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}
