// The hidden <input type=file> the browser uses to open graph files.
import { registerFileInput, openPickedFile } from './fileActions';

export function FileInput() {
  return (
    <input
      ref={registerFileInput}
      type="file"
      accept=".json,application/json,.onnx"
      hidden
      data-testid="file-input"
      aria-label="Open graph file"
      onChange={(e) => {
        const file = e.target.files?.[0];
        if (file) void openPickedFile(file);
      }}
    />
  );
}
