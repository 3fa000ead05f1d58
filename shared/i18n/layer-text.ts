// A layer kind's display text in the current (or a given) language: the `layers` namespace, keyed as
// documented in layers-catalogue.ts. The English is the layer file's own text; a key missing from a
// catalogue falls back to it, and an unknown kind to its kind name.
// Keys here are built from the kind and parameter name on purpose: the catalogue has one entry per
// registered kind, so every key is used through these functions (see layerTextKeys()).
import { i18n } from './i18n';
import { getLayerDef } from '../layers';
import type { LayerCategory, LayerDef, ParamSpec } from '../layers/types';
import { CATEGORY_SLUG } from './layers-catalogue';
import type { LayerMessage, MessageValues } from '../layers/messages';

export type LayerTextField = 'label' | 'summary' | 'details';
export type ParamTextField = 'label' | 'help' | 'link';

function translate(key: string, english: string, lng?: string, values: MessageValues = {}): string {
  // The typed t() only takes literal keys; these are generated from the registry (one per kind).
  const t = i18n.t as unknown as (key: string, options: MessageValues & { lng?: string; defaultValue: string }) => string;
  return t(`layers:${key}`, { ...values, lng: lng ?? i18n.language, defaultValue: english });
}

function englishLayerText(def: LayerDef, field: LayerTextField): string {
  return field === 'details' ? def.help.details : def[field];
}

/** `layerText('Dense', 'summary')`: the layer's label, summary or help details. */
export function layerText(kind: string, field: LayerTextField, lng?: string): string {
  const def = getLayerDef(kind);
  if (!def) return field === 'label' ? kind : '';
  return translate(`${kind}.${field}`, englishLayerText(def, field), lng);
}

function englishParamText(spec: ParamSpec, field: ParamTextField): string {
  if (field === 'link') return spec.type === 'node' ? spec.link : '';
  return spec[field];
}

/** `paramText('Dense', 'units', 'help')`: a parameter's label, help, or (node links) link text. */
export function paramText(kind: string, param: string, field: ParamTextField, lng?: string): string {
  const spec = getLayerDef(kind)?.params[param];
  if (!spec) return field === 'label' ? param : '';
  return translate(`${kind}.params.${param}.${field}`, englishParamText(spec, field), lng);
}

/** The spec with its label, help (and link) in the current language, for editors that read them from it. */
export function localizedParamSpec<S extends ParamSpec>(kind: string, param: string, spec: S, lng?: string): S {
  const local = { ...spec, label: paramText(kind, param, 'label', lng), help: paramText(kind, param, 'help', lng) };
  if (local.type === 'node') local.link = paramText(kind, param, 'link', lng);
  return local;
}

/** A palette group name, e.g. 'Recurrent' -> '순환'. */
export function categoryText(category: LayerCategory | string, lng?: string): string {
  const slug = (CATEGORY_SLUG as Record<string, string>)[category];
  return slug ? translate(`categories.${slug}`, category, lng) : category;
}

/**
 * A shape error or a fix label in the current language: its catalogue message when it has one
 * (`text`, see shared/layers/messages.ts), else its English text as it is.
 */
export function messageText(item: { text?: LayerMessage }, english: string, lng?: string): string {
  if (!item.text) return english;
  return translate(`messages.${item.text.id}`, english, lng, withParamTexts(item.text.values, lng));
}

/**
 * A message about a layer parameter (a link's 'Tied to') names it by paramKind + paramName: its label ({{param}})
 * and link text ({{link}}, capitalised as a sentence start in English) are said in the language.
 */
function withParamTexts(values: MessageValues, lng?: string): MessageValues {
  const { paramKind, paramName } = values;
  if (typeof paramKind !== 'string' || typeof paramName !== 'string') return values;
  const out = { ...values };
  // English's article before a kind name ('an Embedding') is not a word of other languages.
  if ((lng ?? i18n.language) !== 'en') for (const [k, v] of Object.entries(values)) if (k.endsWith('WithArticle') && typeof v === 'string') out[k] = v.replace(/^an? /, '');
  if ('param' in values) out.param = paramText(paramKind, paramName, 'label', lng);
  if ('link' in values) {
    const link = paramText(paramKind, paramName, 'link', lng);
    out.link = link.charAt(0).toUpperCase() + link.slice(1);
  }
  return out;
}

/** One node's subtitle entry for a bool parameter that is off, e.g. "no use bias" / "편향 사용 끔". */
export function paramOffText(kind: string, param: string, lng?: string): string {
  const label = paramText(kind, param, 'label', lng).toLowerCase();
  return i18n.t('layers:nodeSummary.paramOff', { param: label, lng: lng ?? i18n.language });
}
