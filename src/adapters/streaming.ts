// A streamed answer shown as it grows: the platform message is edited no more often than
// the platform allows (Discord: about five edits per five seconds per channel; Slack's
// chat.update is Tier 3, about 50 a minute), with a trailing ellipsis while it is unfinished.

import { throttledEditor, type ThrottledEditor } from './throttled-editor.js';

/** One edit per 1.2 s stays inside both platforms' limits. */
export const STREAM_EDIT_MS = 1200;

export interface StreamFormat {
  /** The platform's mention defusing, applied to every partial text. */
  defuse(text: string): string;
  /** Longest partial text the platform takes in one message. */
  maxChars: number;
}

export function partialText(text: string, format: StreamFormat): string {
  return `${format.defuse(text).slice(0, format.maxChars)} …`;
}

/** An editor that sends each partial answer, formatted, through `edit`; failures are logged. */
export function liveAnswer(format: StreamFormat, edit: (text: string) => Promise<unknown>, warn: (msg: string) => void): ThrottledEditor {
  return throttledEditor(STREAM_EDIT_MS, (text) => edit(partialText(text, format)), (err) => warn(err.message));
}
