// When an issue was opened, when the listing does not say: Velero numbers issues and pull
// requests in one sequence, so a number dates an issue to within months.

/**
 * (number, date) anchors: the first pull request merged in each year of a 300-PR sample of
 * Velero's merged PRs (../shared/upstream/velero-merged-prs.sample.jsonl) and the last one.
 * Merge dates trail opening dates by days to months, so estimates are stated as "around <year>".
 */
export const NUMBER_DATES: ReadonlyArray<readonly [number, string]> = [
  [4, '2017-08-03'],
  [304, '2018-08-03'],
  [1090, '2019-01-03'],
  [2294, '2020-02-26'],
  [3320, '2021-02-18'],
  [4480, '2022-01-04'],
  [5569, '2023-01-18'],
  [7274, '2024-01-05'],
  [8594, '2025-01-13'],
  [9473, '2026-01-07'],
  [9755, '2026-04-27'],
];

/** Estimated opening time (ms) of issue `n`, by linear interpolation between the anchors. */
export function estimateOpened(n: number): number {
  const pts = NUMBER_DATES.map(([num, d]) => [num, Date.parse(d)] as const);
  let i = pts.findIndex(([num]) => num >= n);
  if (i === 0) return pts[0]![1];
  // Past the last anchor: extend the last segment's rate.
  if (i < 0) i = pts.length - 1;
  const [n0, t0] = pts[i - 1]!;
  const [n1, t1] = pts[i]!;
  return t0 + ((n - n0) / (n1 - n0)) * (t1 - t0);
}
