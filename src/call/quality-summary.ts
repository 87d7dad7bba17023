/**
 * A call's video quality in a few numbers, from the meter's one-second samples: what the interpreter
 * page sends after the call (`call:quality`). Pure: samples and restarts are passed in.
 */
import type { QualitySummary } from '../protocol/index.ts';
import type { QualityLevel, QualitySample } from './quality.ts';

const percentile = (sorted: number[], p: number): number | null =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : null;

export class QualityTally {
  private readonly fps: number[] = [];
  private readonly heights: number[] = [];
  private readonly seconds = { good: 0, usable: 0, poor: 0 };
  private restarts = 0;
  private relayed: boolean | null = null;

  add(sample: QualitySample, level: QualityLevel): void {
    if (sample.inFps !== null) this.fps.push(sample.inFps);
    if (sample.inHeight !== null && sample.inWidth !== null)
      this.heights.push(Math.min(sample.inHeight, sample.inWidth));
    this.seconds[level]++;
    if (sample.relayed !== null) this.relayed = (this.relayed ?? false) || sample.relayed;
  }

  restarted(): void {
    this.restarts++;
  }

  summary(): QualitySummary {
    const fps = [...this.fps].sort((a, b) => a - b);
    const heights = [...this.heights].sort((a, b) => a - b);
    const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    return {
      fpsP50: round(percentile(fps, 50)),
      fpsP5: round(percentile(fps, 5)),
      heightP50: percentile(heights, 50),
      seconds: { ...this.seconds },
      iceRestarts: this.restarts,
      relayed: this.relayed,
    };
  }
}
