// Layer text (names, summaries, help, parameter labels) in the current language, for components:
// using the hook re-renders the component when the language changes.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryText, layerText, localizedParamSpec, messageText, paramText, type LayerTextField, type ParamTextField } from '../../../shared/i18n/layer-text';
import type { Fix, ParamSpec } from '../../../shared/layers/types';
import type { NodeError, NodeInference } from '../../../shared/infer';

export interface LayerTextFns {
  layer(kind: string, field: LayerTextField): string;
  param(kind: string, param: string, field: ParamTextField): string;
  spec<S extends ParamSpec>(kind: string, param: string, spec: S): S;
  category(category: string): string;
  /** A shape error's message in the current language (English when it has no catalogue message). */
  error(error: NodeError): string;
  /** A fix button's label in the current language. */
  fix(fix: Fix): string;
  /** Note `index` of a node in the current language. */
  note(info: NodeInference, index: number): string;
}

export function useLayerText(): LayerTextFns {
  const { i18n } = useTranslation('layers');
  const lng = i18n.language;
  return useMemo(
    () => ({
      layer: (kind, field) => layerText(kind, field, lng),
      param: (kind, param, field) => paramText(kind, param, field, lng),
      spec: (kind, param, spec) => localizedParamSpec(kind, param, spec, lng),
      category: (category) => categoryText(category, lng),
      error: (error) => messageText(error, error.message, lng),
      fix: (fix) => messageText(fix, fix.label, lng),
      note: (info, index) => messageText({ text: info.noteTexts?.[index] }, info.notes?.[index] ?? '', lng),
    }),
    [lng],
  );
}
