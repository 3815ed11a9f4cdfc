// Nothing the bot posts may ping anyone: mass mentions and user/role/channel mentions that
// came from input are defused before any platform sees them (the adapters also turn off
// mention parsing where the platform allows it).

const ZWSP = '\u200b';

/**
 * Removing one token can splice its neighbours into a new one (`<!chan<@U1|nel>>` becomes
 * `<!channel>`), so defusing repeats until nothing changes; each pass only shortens or keeps
 * the text, and a handful of passes is always enough for real input.
 */
function untilStable(text: string, pass: (t: string) => string): string {
  let out = text;
  for (let i = 0; i < 8; i++) {
    const next = pass(out);
    if (next === out) return out;
    out = next;
  }
  // Pathological nesting: drop the angle brackets that mentions need.
  return out.replace(/[<>]/g, '');
}

/** Discord: @everyone, @here, <@id>, <@!id>, <@&role>, <#channel>. */
export function defuseDiscord(text: string): string {
  return untilStable(text, defuseDiscordOnce);
}

function defuseDiscordOnce(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, (_m, kind: string, id: string) => `<${kind}${ZWSP}${id}>`)
    // Any other `<@`/`<#` could be completed into a mention by what follows it.
    .replace(/<(?=[@#][!&]?\d)/g, `<${ZWSP}`);
}

/** Slack: <!channel>, <!here>, <!everyone>, <!subteam^ID>, <@U..>, <#C..>, and bare @channel/@here. */
export function defuseSlack(text: string): string {
  return untilStable(text, defuseSlackOnce);
}

function defuseSlackOnce(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/gi, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(\|([^>]*))?>/gi, (_m, _l, label?: string) => (label ? label : '@group'))
    .replace(/<[@#]([UWBC][A-Z0-9]+)(\|([^>]*))?>/g, (_m, id: string, _l, label?: string) => (label ? label : id))
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`)
    // Whatever is left that could open a special token (`<!`, `<@`, `<#`) is shown as text:
    // Slack renders `&lt;` as "<" and never parses it as the start of a mention.
    .replace(/<(?=[!@#])/g, '&lt;');
}

/** Splits text into pieces of at most `max` characters, preferring paragraph and line breaks. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 3) cut = window.lastIndexOf('\n');
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    if (cut < max / 3) cut = max;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}
