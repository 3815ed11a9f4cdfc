/** Whether `path` (a file, or a folder ending in `/`) exists in a sorted file list. */
export function pathExists(sortedFiles: string[], path: string): boolean {
  if (path.endsWith('/')) {
    const i = lowerBound(sortedFiles, path);
    return i < sortedFiles.length && sortedFiles[i]!.startsWith(path);
  }
  const i = lowerBound(sortedFiles, path);
  if (sortedFiles[i] === path) return true;
  // A folder named without its trailing slash.
  const j = lowerBound(sortedFiles, `${path}/`);
  return j < sortedFiles.length && sortedFiles[j]!.startsWith(`${path}/`);
}

/** The first position in sorted `xs` whose entry is not less than `x`. */
export function lowerBound(xs: string[], x: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isFile(sortedFiles: string[], path: string): boolean {
  return sortedFiles[lowerBound(sortedFiles, path)] === path;
}
