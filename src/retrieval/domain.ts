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
const GENERIC_CONCEPTS = new Set(['~crd', '~pv', '~pvc', '~rbac', '~ci', '~e2e', '~s3', '~etcd', '~sync', '~frequency', '~ttl', '~gc', '~maintainer', '~changelog', '~goodfirstissue', '~grpc', '~ark', '~kubernetes', '~count']);

export function isDomainTerm(term: string): boolean {
  if (term.startsWith('~')) return !GENERIC_CONCEPTS.has(term);
  return DOMAIN.has(term) || term.includes('velero');
}

// Other backup products and unrelated platform tools. A question about one of them that
// does not mention Velero is about that product, whatever storage words it shares with ours.
const OTHER_PRODUCTS = new Set(
  `longhorn kasten k10 kanister cloudnativepg cnpg barman portworx trilio stash kubeadm terraform
  ansible pulumi argocd argo flux fluxcd openebs rook ceph cohesity commvault veeam rubrik`
    .split(/\s+/)
    .filter(Boolean)
    .map(stem),
);

// General tools a Velero question may well mention ("my postgres pod", "the helm chart"):
// they make a question foreign only when nothing else in it is Velero's.
const GENERAL_TOOLS = new Set('helm grafana nginx mysql postgres postgresql jenkins'.split(' ').map(stem));

export function namesOtherProduct(terms: string[]): boolean {
  if (terms.some((t) => OTHER_PRODUCTS.has(t))) return !terms.some((t) => t.includes('velero'));
  return terms.some((t) => GENERAL_TOOLS.has(t)) && !terms.some(isDomainTerm);
}
