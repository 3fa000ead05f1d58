// The hidden <input type=file> the browser uses to open graph files.
import { useTranslation } from 'react-i18next';
import { registerFileInput, openPickedFile } from './fileActions';

export function FileInput() {
  const { t } = useTranslation(['editor']);
  return (
    <input
      ref={registerFileInput}
      type="file"
      accept=".json,application/json,.onnx"
      hidden
      data-testid="file-input"
      aria-label={t('editor:files.openAria')}
      onChange={(e) => {
        const file = e.target.files?.[0];
        if (file) void openPickedFile(file);
      }}
    />
  );
}
