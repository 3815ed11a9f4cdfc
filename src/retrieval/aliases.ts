// Velero's vocabulary: acronyms and their spelled-out forms. Every surface form of a group
// adds the group's concept token, at index time and at query time, so "BSL", "backup
// storage location" and `BackupStorageLocation` all meet on the same term.

export interface AliasGroup {
  concept: string;
  /** Surface forms as lower-case token sequences (words split as the tokenizer splits them). */
  forms: string[];
}

const groups: Record<string, string[]> = {
  bsl: ['bsl', 'backupstoragelocation', 'backup storage location', 'backup location', 'storage location'],
  vsl: ['vsl', 'volumesnapshotlocation', 'volume snapshot location', 'snapshot location'],
  pvb: ['pvb', 'podvolumebackup', 'pod volume backup'],
  pvr: ['pvr', 'podvolumerestore', 'pod volume restore'],
  du: ['du', 'dataupload', 'data upload'],
  dd: ['dd', 'datadownload', 'data download'],
  fsb: ['fsb', 'fs backup', 'fs-backup', 'file system backup', 'filesystem backup', 'pod volume backup', 'kopia backup', 'restic backup'],
  bia: ['bia', 'backupitemaction', 'backup item action'],
  ria: ['ria', 'restoreitemaction', 'restore item action'],
  dia: ['dia', 'deleteitemaction', 'delete item action'],
  iba: ['iba', 'itemblockaction', 'item block action'],
  cp: ['cp', 'cherry pick', 'cherrypick', 'cherry-pick', 'backport'],
  dco: ['dco', 'developer certificate of origin', 'signed off by', 'sign off', 'signoff', 'signed-off-by'],
  crd: ['crd', 'crds', 'customresourcedefinition', 'custom resource definition', 'custom resource'],
  pv: ['pv', 'persistentvolume', 'persistent volume'],
  pvc: ['pvc', 'persistentvolumeclaim', 'persistent volume claim'],
  vsc: ['vsc', 'volumesnapshotclass', 'volume snapshot class', 'snapshot class'],
  br: ['backuprepository', 'backup repository', 'backup repo', 'kopia repository', 'kopia repo'],
  dbr: ['dbr', 'deletebackuprequest', 'delete backup request'],
  ssr: ['ssr', 'serverstatusrequest', 'server status request'],
  datamover: ['data mover', 'datamover', 'data-mover', 'snapshot data movement', 'snapshot move data'],
  nodeagent: ['node agent', 'node-agent', 'nodeagent'],
  gc: ['gc', 'garbage collection', 'garbage collect', 'garbage collector'],
  rbac: ['rbac', 'role based access control'],
  ci: ['ci', 'continuous integration', 'github actions', 'workflow'],
  e2e: ['e2e', 'end to end', 'end-to-end'],
  grpc: ['grpc', 'go plugin', 'go-plugin', 'hashicorp plugin'],
  changelog: ['changelog', 'changelogs', 'release note', 'release notes'],
  goodfirstissue: ['good first issue', 'beginner friendly', 'starter issue', 'newcomer issue', 'help wanted'],
  maintainer: ['maintainer', 'maintainers', 'maintains', 'maintain', 'maintained by', 'reviewer', 'reviewers', 'approver'],
  ttl: ['ttl', 'time to live', 'expiration', 'expire', 'retention'],
  s3: ['s3', 'bucket', 'object storage', 'object store'],
  etcd: ['etcd', 'etcdctl'],
  ark: ['ark', 'heptio ark', 'heptio'],
  kubernetes: ['kubernetes', 'k8s', 'kube'],
  count: ['how many', 'number of', 'count of'],
  sync: ['sync', 'resync', 'synced', 'syncing', 'synchronize', 'synchronise', 'synchronization'],
  frequency: ['how often', 'frequency', 'period', 'interval', 'every minute', 'every hour', 'periodically'],
};

export const ALIAS_GROUPS: AliasGroup[] = Object.entries(groups).map(([concept, forms]) => ({
  concept: `~${concept}`,
  forms,
}));
