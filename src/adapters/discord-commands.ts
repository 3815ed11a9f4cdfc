// The `/velero` slash command as Discord's API takes it, derived from the chat commands'
// own definitions; used by `serve` at start-up and by `onramp register-commands`.

import { COMMANDS } from '../chat/commands/index.js';
import type { ChatCommand, CommandOption } from '../chat/types.js';

// Discord's application command option types.
const SUB_COMMAND = 1;
const OPTION_TYPE = { string: 3, integer: 4 } as const;

function discordOption(o: CommandOption) {
  return {
    type: OPTION_TYPE[o.type],
    name: o.name,
    description: o.description,
    required: o.required ?? false,
    ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
    ...(o.minValue !== undefined ? { min_value: o.minValue } : {}),
  };
}

export function veleroCommand(commands: readonly ChatCommand[] = COMMANDS) {
  return {
    name: 'velero',
    description: 'Your guide to contributing to Velero',
    dm_permission: true,
    options: commands.map((c) => ({
      type: SUB_COMMAND,
      name: c.name,
      description: c.description,
      ...(c.options.length ? { options: c.options.map(discordOption) } : {}),
    })),
  };
}

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
  const saved = (await rest.put(route, { body: [veleroCommand()] })) as Array<{ name: string }>;
  return { scope: o.guildId ? `guild ${o.guildId}` : 'global', appId, names: saved.map((c) => c.name) };
}
