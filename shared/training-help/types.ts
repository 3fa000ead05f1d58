// The help shape for training choices (optimizers, losses, schedules, activations, settings), like a layer's
// LayerHelp: plain-text data, no markup, so the texts can move into translation catalogues unchanged.

export interface TopicHelp {
  /** Full name, e.g. 'Adam (adaptive moments)'. */
  title: string;
  /** The definition or update rule in plain text with simple math. */
  formula: string;
  /** What it does and why it works, for students. */
  intuition: string;
  /** When to pick it and usual values. */
  whenToUse: string;
}
