// Template texts are written with {{name}} placeholders (the i18next syntax) where a figure comes from the
// template's own constants (RECALL_LENGTH, SNAIL_STEPS, ...): the English text the app stores and the Korean
// catalogue (shared/i18n/locales/ko/lessons.json) then both take the number from the same constant.
export type TextParams = Record<string, string | number>;

/** `raw` with every {{name}} replaced by params[name]; a placeholder without a value is a bug and throws. */
export function fillText(raw: string, params: TextParams = {}): string {
  return raw.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(params, name)) throw new Error(`No value for {{${name}}} in "${raw.slice(0, 60)}…"`);
    return String(params[name]);
  });
}
