import { MESSAGES_EN_DATA } from './data/messages-en.ts';

type DataKey = keyof typeof MESSAGES_EN_DATA;
/** A message key; plural ones are stored as `key_one` / `key_other` (i18next) and chosen by `count`. */
export type MessageKey = DataKey extends infer K ? (K extends `${infer Base}_one` | `${infer Base}_other` ? Base : K) : never;
export type MessageParams = Record<string, string | number>;

/** A sentence as data: a translator's key, its parameters, and the English text. */
export interface Message {
  key: MessageKey;
  params: MessageParams;
  text: string;
}

/**
 * The English sentence of a key (data/messages.en.json, i18next `{{param}}` syntax), kept beside
 * the key and parameters so that a page can translate it instead. English plurals need only
 * `one` and `other`; i18next picks other languages' forms from the same `count`.
 */
export function formatMessage(key: MessageKey, params: MessageParams = {}): Message {
  const messages = MESSAGES_EN_DATA as Record<string, string>;
  const template = messages[key] ?? messages[`${key}_${params.count === 1 ? 'one' : 'other'}`]!;
  const text = template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => (name in params ? String(params[name]) : `{{${name}}}`));
  return { key, params, text };
}
