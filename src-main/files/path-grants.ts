// Which files the renderer may write without a dialog: only paths the user picked in a dialog, opened from the
// menu or launched the app with. A compromised page therefore cannot overwrite arbitrary files by name.
import path from 'node:path';

export class PathGrants {
  private readonly granted = new Set<string>();

  grant(filePath: string): void {
    this.granted.add(path.resolve(filePath));
  }

  isGranted(filePath: string): boolean {
    return path.isAbsolute(filePath) && this.granted.has(path.resolve(filePath));
  }
}
