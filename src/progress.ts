// A progress bar on stderr for long runs (only when stderr is a terminal, or NEWSPROV_PROGRESS=1).

export class ProgressBar {
  private start = Date.now();
  private last = 0;
  private active: boolean;
  constructor(
    private label: string,
    private total: number,
    private stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.active = (stream.isTTY || process.env.NEWSPROV_PROGRESS === '1') && total > 1;
  }

  update(done: number, note = ''): void {
    if (!this.active) return;
    const now = Date.now();
    if (now - this.last < 80 && done < this.total) return;
    this.last = now;
    const width = 28;
    const frac = this.total ? Math.min(1, done / this.total) : 0;
    const fill = Math.round(frac * width);
    const rate = done / Math.max(0.001, (now - this.start) / 1000);
    const eta = rate > 0 ? Math.max(0, (this.total - done) / rate) : 0;
    const line = `${this.label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${done}/${this.total} ${rate.toFixed(1)}/s eta ${eta.toFixed(0)}s ${note}`;
    this.stream.write('\r' + line.slice(0, (this.stream.columns ?? 120) - 1).padEnd(Math.min(line.length, (this.stream.columns ?? 120) - 1)));
  }

  done(): void {
    if (!this.active) return;
    this.update(this.total);
    this.stream.write('\n');
  }
}
