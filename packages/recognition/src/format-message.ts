import { MESSAGES_EN_DATA } from './data/messages-en.ts';

export type MessageKey = keyof typeof MESSAGES_EN_DATA;
export type MessageParams = Record<string, string | number>;

/** A sentence as data: a translator's key, its parameters, and the English text. */
export interface Message {
  key: MessageKey;
  params: MessageParams;
  text: string;
}

/**
 * The English sentence of a key (data/messages.en.json, i18next `{{param}}` syntax), kept beside
 * the key and parameters so that a page can translate it instead.
 */
export function formatMessage(key: MessageKey, params: MessageParams = {}): Message {
  const text = MESSAGES_EN_DATA[key].replace(/\{\{(\w+)\}\}/g, (_m, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
  return { key, params, text };
}
