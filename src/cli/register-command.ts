import { registerCommands } from '../adapters/discord-commands.js';
import { loadConfig } from '../config.js';
import { ConfigError } from '../errors.js';

export async function runRegisterCommands(): Promise<number> {
  const config = loadConfig();
  if (!config.discord) throw new ConfigError('DISCORD_TOKEN is missing (register-commands needs the bot token)');
  try {
    const r = await registerCommands(config.discord);
    process.stdout.write(`registered /${r.names.join(', /')} for application ${r.appId} (${r.scope}${r.scope === 'global' ? '; global commands can take up to an hour to appear' : ''})\n`);
    return 0;
  } catch (err) {
    // discord.js error messages carry no token; keep just the first line.
    process.stderr.write(`onramp: could not register commands: ${(err as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
