// The `/velero` slash command as Discord's API takes it (one definition, used by
// `serve` at start-up and by `onramp register-commands`).

const STRING = 3;
const SUB = 1;
const INTEGER = 4;

export const VELERO_COMMAND = {
  name: 'velero',
  description: 'Your guide to contributing to Velero',
  dm_permission: true,
  options: [
    {
      type: SUB,
      name: 'ask',
      description: 'Ask about Velero internals or contributing; answers cite the guide',
      options: [{ type: STRING, name: 'question', description: 'Your question', required: true, max_length: 2000 }],
    },
    {
      type: SUB,
      name: 'issues',
      description: 'Suggest open good first issues',
      options: [
        { type: STRING, name: 'area', description: 'An area such as CSI, datamover, fs-backup, Metrics, CLI', required: false, max_length: 40 },
        { type: STRING, name: 'interest', description: 'What you know or like, e.g. "csi, go tests"', required: false, max_length: 200 },
      ],
    },
    {
      type: SUB,
      name: 'lint-pr',
      description: "Check a draft PR's title and description against Velero's conventions",
      options: [
        { type: STRING, name: 'title', description: 'The PR title', required: true, max_length: 300 },
        { type: STRING, name: 'description', description: 'The PR description', required: false, max_length: 6000 },
        { type: INTEGER, name: 'number', description: 'The PR number, if it exists', required: false, min_value: 1 },
      ],
    },
    { type: SUB, name: 'help', description: 'What this bot can do' },
  ],
} as const;

export interface RegisterResult {
  scope: string;
  appId: string;
  names: string[];
}

/** Registers `/velero` to one guild (instant) or globally, through discord.js's REST client. */
export async function registerCommands(o: { token: string; appId?: string; guildId?: string; apiUrl?: string }): Promise<RegisterResult> {
  const { REST, Routes } = await import('discord.js');
  const rest = new REST(o.apiUrl ? { api: o.apiUrl } : {}).setToken(o.token);
  const appId = o.appId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const route = o.guildId ? Routes.applicationGuildCommands(appId, o.guildId) : Routes.applicationCommands(appId);
  const saved = (await rest.put(route, { body: [VELERO_COMMAND] })) as Array<{ name: string }>;
  return { scope: o.guildId ? `guild ${o.guildId}` : 'global', appId, names: saved.map((c) => c.name) };
}
