// Nothing the bot posts may ping anyone: mass mentions and user/role/channel mentions that
// came from input are defused before any platform sees them (the adapters also turn off
// mention parsing where the platform allows it).

const ZWSP = '\u200b';

/** Discord: @everyone, @here, <@id>, <@!id>, <@&role>, <#channel>. */
export function defuseDiscord(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, (_m, kind: string, id: string) => `<${kind}${ZWSP}${id}>`);
}

/** Slack: <!channel>, <!here>, <!everyone>, <!subteam^ID>, <@U..>, <#C..>, and bare @channel/@here. */
export function defuseSlack(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/gi, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(\|([^>]*))?>/gi, (_m, _l, label?: string) => (label ? label : '@group'))
    .replace(/<[@#]([UWBC][A-Z0-9]+)(\|([^>]*))?>/g, (_m, id: string, _l, label?: string) => (label ? label : id))
    .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`);
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
