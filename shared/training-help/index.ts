// Help texts for training choices, one file per family; the inspector shows them next to each setting.
export type { TopicHelp } from './types';
export { OPTIMIZER_HELP } from './optimizers';
export { LOSS_HELP } from './losses';
export { SCHEDULE_HELP } from './schedules';
export { ACTIVATION_HELP, activationHelp, isActivationParam } from './activations';
export { SETTING_HELP, FIELD_NOTES, type SettingTopic, type FieldNote } from './settings';
