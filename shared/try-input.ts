// The one input a learner puts into a trained run's model, in the Try panel, the Look-inside views and the CLI's
// `predict`. The worker turns it into the model's input tensors the same way training data was prepared
// (representation, normalisation, vocabulary), so a drawn digit and a test sample go through the same path.

export type TryInput =
  /** Sample `index` of the run's test split (validation when the dataset has no test split). */
  | { kind: 'sample'; index: number }
  /** An image drawn or dropped by the user: raw pixels 0..255, row-major height x width x channels. */
  | { kind: 'image'; pixels: number[]; width: number; height: number; channels: 1 | 3 }
  /** Text for character/token models (a prompt) and seq2seq models (the source sequence). */
  | { kind: 'text'; text: string }
  /** Time series: the window of the test series that starts at `start`. */
  | { kind: 'series'; start: number }
  /** Tabular data: one value per feature column, in the dataset's column order. */
  | { kind: 'features'; values: number[] };

export type TryInputKind = TryInput['kind'];
