// Words that tie a question to Velero or to contributing to it. Plenty of off-topic
// questions share ordinary words with the guide ("configure", "order", "module"); almost no
// on-topic question lacks all of these. Stemmed the way the tokenizer stems.

import { stem } from './stem.js';

const DOMAIN = new Set(
  `velero ark heptio backup restore snapshot snapshotter volume plugin controller reconcile
  reconciler kopia restic hook bucket schedule uploader datamover mover repository repo
  maintenance changelog pr dco maintainer contributor contribute contributing review reviewer
  cherry release label issue codebase makefile test e2e ginkgo tilt csi finalizer phase
  itemblock bia ria pvb pvr vsl bsl fsb minio upstream pkg cmd golang
  ttl gc garbage security vulnerability community meeting slack governance roadmap fork rebase
  signoff commit branch docs documentation lint codespell kubebuilder controller-runtime
  node-agent`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

// Concept terms that are general Kubernetes or tooling vocabulary, not Velero's own.
const GENERIC_CONCEPTS = new Set(['~crd', '~pv', '~pvc', '~rbac', '~ci', '~e2e', '~s3', '~etcd', '~sync', '~frequency']);

export function isDomainTerm(term: string): boolean {
  if (term.startsWith('~')) return !GENERIC_CONCEPTS.has(term);
  return DOMAIN.has(term) || term.includes('velero');
}
