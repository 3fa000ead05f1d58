// Splits a process's output stream into whole lines (a chunk may end mid-line).
export function lineSplitter(emit: (line: string) => void): (chunk: Buffer | string) => void {
  let rest = '';
  return (chunk) => {
    const parts = (rest + chunk.toString()).split(/\r?\n/);
    rest = parts.pop() ?? '';
    for (const line of parts) if (line.length > 0) emit(line);
  };
}
