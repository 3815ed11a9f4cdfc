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

// Names only Velero has: its own concepts (`~du` for DataUpload, `~bsl`, ...) and parts.
const VELERO_OWN = new Set('kopia restic datamover itemblock uploader node-agent'.split(' ').map(stem));
const namesVelero = (t: string) => t.includes('velero') || VELERO_OWN.has(t) || (t.startsWith('~') && isDomainTerm(t));

export function namesOtherProduct(terms: string[]): boolean {
  // "DataUploads sit in Accepted ... storage is ceph rbd" is about Velero on ceph.
  if (terms.some((t) => OTHER_PRODUCTS.has(t))) return !terms.some(namesVelero);
  return terms.some((t) => GENERAL_TOOLS.has(t)) && !terms.some(isDomainTerm);
}

// "on the linux kernel", "for the apache foundation", "the kubernetes/kubernetes bot": a question
// that names another project as the place where it happens is about that project, however
// much contributor vocabulary (PR, DCO, changelog) it shares with the guide. ("repo" is no
// such place: Velero's backup repositories are repos too.)
const PLACE = /\b(?:in|on|to|for|at|from|into|with)\s+(?:the\s+)?((?!the\s)(?:[a-z0-9][\w.-]*\s+){1,3})(?:project|foundation|kernel|org|organi[sz]ation)\b/gi;
const OWN_PLACES = /velero|vmware|tanzu|heptio|\bark\b|plugin|\bhelm\b|chart|\bdocs?\b|site|website|\bmain\b|upstream|same|this|that|our|my|your|his|her|their|\bgit\b|github|fork|\bold\b|new|original|right|wrong|\bone\b|other|official|community/i;
const OWNER_NAME = /\b([a-z0-9][\w.-]*)\/([a-z0-9][\w.-]*)\b/gi;

export function scopesToOtherProject(query: string): boolean {
  for (const m of query.matchAll(PLACE)) if (!OWN_PLACES.test(m[1]!)) return true;
  for (const m of query.matchAll(OWNER_NAME)) {
    const [, owner, name] = m;
    // owner/name of a GitHub repository that is neither Velero's nor a path or an API group.
    if (owner === name && !/velero/i.test(owner!)) return true;
  }
  return false;
}
