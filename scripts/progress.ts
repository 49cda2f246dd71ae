// A one-line progress bar for the command-line tools, redrawn in place on a terminal.
export function progressBar(share: number, label: string): string {
  const width = 30;
  const s = Math.max(0, Math.min(1, share));
  const filled = Math.round(s * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(s * 100).toFixed(0).padStart(3)}% ${label}`;
}

/** Draws on a terminal; elsewhere (CI, a log file) prints a line at most every `everyMs`. */
export function progressReporter(everyMs = 10_000): (share: number, label: string, done?: boolean) => void {
  let last = 0;
  return (share, label, done = false) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${progressBar(share, label)}${done ? '\n' : ''}`);
      return;
    }
    if (done || Date.now() - last >= everyMs) {
      last = Date.now();
      process.stderr.write(`${progressBar(share, label)}\n`);
    }
  };
}
