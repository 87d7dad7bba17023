/** A tiny typed event emitter whose subscriptions return disposers. */
export type Disposer = () => void;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => void;

export class Emitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();

  on<E extends keyof Events>(event: E, fn: Events[E]): Disposer {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * Runs a list of disposers once, last added first. Once disposed, a bag disposes whatever is added
 * to it later at once (a subscription made after the page was hidden does not leak).
 */
export class DisposerBag {
  private disposers: Disposer[] = [];
  private disposed = false;
  add(d: Disposer): void {
    if (this.disposed) d();
    else this.disposers.push(d);
  }
  get isDisposed(): boolean {
    return this.disposed;
  }
  dispose(): void {
    this.disposed = true;
    const list = this.disposers.reverse();
    this.disposers = [];
    for (const d of list) d();
  }
}
