// What a live mention looks like in final platform text: a Slack special mention, user,
// channel or group token, a bare @channel / @here / @everyone not broken by a zero-width
// space, and Discord's @everyone / @here and user, role and channel tokens.

export const SLACK_LIVE = /<!(channel|here|everyone)\b|<!subteam\^[^>]*>|<[@#][UWBC][A-Z0-9]+(\|[^>]*)?>|(^|[^\u200b])@(channel|here|everyone)\b/i;
export const DISCORD_LIVE = /(^|[^\u200b])@(everyone|here)|<@[!&]?\d+>|<#\d+>/;

/** JSON of a rendered payload with zero-width spaces shown as themselves, so the patterns see them. */
export const renderedText = (payload: unknown) => JSON.stringify(payload).replace(/\\u200b/g, '\u200b');
